package dev.jefevm.devices.rtc;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The calendar an MC146818 keeps: seconds, minutes, hours (held here as 0-23), day of week
 * (1 = Sunday), day of month, month, year within the century and the century, as plain binary
 * numbers (never negative: they come from decoded register bytes). The chip's once-a-second update ({@link #tick()}) carries each field into the next,
 * with month lengths and leap years (MC146818A datasheet, "Time, Calendar and Alarm Locations").
 * Encoding into BCD/binary and 12/24-hour register bytes is {@link CmosRtc}'s job.
 *
 * <p>Guests may write out-of-range values; the update then rolls such a field over to its first
 * value instead of counting on, so nothing here ever throws.
 */
final class RtcCalendar {

    int seconds;
    int minutes;
    int hours;
    int dayOfWeek;
    int dayOfMonth;
    int month;
    int year;
    int century;

    /** The calendar showing {@code epochSeconds} (UTC fields of that instant). */
    static RtcCalendar ofEpochSeconds(long epochSeconds) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        RtcCalendar c = new RtcCalendar();
        c.seconds = t.getSecond();
        c.minutes = t.getMinute();
        c.hours = t.getHour();
        c.dayOfWeek = t.getDayOfWeek().getValue() % 7 + 1; // java: Monday = 1 .. Sunday = 7
        c.dayOfMonth = t.getDayOfMonth();
        c.month = t.getMonthValue();
        c.year = t.getYear() % 100;
        c.century = t.getYear() / 100;
        return c;
    }

    int[] toArray() {
        return new int[] {seconds, minutes, hours, dayOfWeek, dayOfMonth, month, year, century};
    }

    /** The calendar saved by {@link #toArray()}. */
    static RtcCalendar ofArray(int[] fields) {
        RtcCalendar c = new RtcCalendar();
        c.seconds = fields[0];
        c.minutes = fields[1];
        c.hours = fields[2];
        c.dayOfWeek = fields[3];
        c.dayOfMonth = fields[4];
        c.month = fields[5];
        c.year = fields[6];
        c.century = fields[7];
        return c;
    }

    /** Advances the calendar by one second, carrying into minutes, hours, days, months and years. */
    void tick() {
        if (++seconds < 60) {
            return;
        }
        seconds = 0;
        if (++minutes < 60) {
            return;
        }
        minutes = 0;
        if (++hours < 24) {
            return;
        }
        hours = 0;
        dayOfWeek = dayOfWeek >= 7 ? 1 : dayOfWeek + 1;
        if (++dayOfMonth <= daysInMonth()) {
            return;
        }
        dayOfMonth = 1;
        if (++month <= 12) {
            return;
        }
        month = 1;
        if (++year < 100) {
            return;
        }
        year = 0;
        century = century >= 99 ? 0 : century + 1;
    }

    private int daysInMonth() {
        return switch (month) {
            case 2 -> isLeapYear() ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // Gregorian rule on the full year; the MC146818 itself knows only "divisible by 4", which
    // agrees for every year from 1901 to 2099.
    private boolean isLeapYear() {
        int fullYear = century * 100 + year;
        return fullYear % 4 == 0 && (fullYear % 100 != 0 || fullYear % 400 == 0);
    }
}
