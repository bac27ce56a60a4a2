package dev.jefevm.devices.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RtcCalendarPropertiesTest {

    @Example
    void tick_after28February2100_goesToMarchBecause2100IsNoLeapYear() {
        RtcCalendar calendar = RtcCalendar.ofEpochSeconds(LocalDateTime.of(2100, 2, 28, 23, 59, 59).toEpochSecond(ZoneOffset.UTC));

        calendar.tick();

        assertEquals(3, calendar.month);
        assertEquals(1, calendar.dayOfMonth);
    }

    @Example
    void tick_after28February2000_goesTo29th() {
        RtcCalendar calendar = RtcCalendar.ofEpochSeconds(LocalDateTime.of(2000, 2, 28, 23, 59, 59).toEpochSecond(ZoneOffset.UTC));

        calendar.tick();

        assertEquals(2, calendar.month);
        assertEquals(29, calendar.dayOfMonth);
    }

    /** 2000-01-01 .. 2199-12-01 UTC: leap days, a non-leap century year (2100) and rollovers. */
    @Property(tries = 300)
    void ticks_agreeWithTheGregorianCalendar(
            @ForAll @LongRange(min = 946_684_800L, max = 7_255_296_000L) long start,
            @ForAll @IntRange(min = 0, max = 200_000) int seconds) {
        RtcCalendar calendar = RtcCalendar.ofEpochSeconds(start);

        for (int i = 0; i < seconds; i++) {
            calendar.tick();
        }

        RtcCalendar expected = RtcCalendar.ofEpochSeconds(start + seconds);
        assertEquals(expected.seconds, calendar.seconds);
        assertEquals(expected.minutes, calendar.minutes);
        assertEquals(expected.hours, calendar.hours);
        assertEquals(expected.dayOfWeek, calendar.dayOfWeek);
        assertEquals(expected.dayOfMonth, calendar.dayOfMonth);
        assertEquals(expected.month, calendar.month);
        assertEquals(expected.year, calendar.year);
        assertEquals(expected.century, calendar.century);
    }
}
