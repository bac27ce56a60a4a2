package dev.jefevm.devices.boottimer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootTimerTest {

    private long fakeNow = 5_000_000L;
    private final List<BootMilestone> heard = new ArrayList<>();
    private final BootTimer timer = new BootTimer(() -> fakeNow, heard::add);

    @Test
    void write_milestoneCode_recordsNameAndInjectedTime() {
        timer.write(0, 1, 1);
        fakeNow = 42_500_000L;
        timer.write(0, 1, 3);

        assertEquals(List.of(new BootMilestone(1, "kernel-entry", 5_000_000L),
                new BootMilestone(3, "shell-ready", 42_500_000L)), timer.milestones());
        assertEquals(42.5, timer.milestones().get(1).millisSinceProcessStart(), 1e-9);
    }

    @Test
    void write_tellsListenerAtOnce() {
        timer.write(0, 1, 2);

        assertEquals(List.of(new BootMilestone(2, "drivers-up", 5_000_000L)), heard);
    }

    @Test
    void write_unknownCode_isRecordedUnderAGenericName() {
        timer.write(0, 1, 0x1F7); // only the low byte counts

        assertEquals("milestone-247", heard.get(0).name());
    }

    @Test
    void read_returnsLastCodeWritten() {
        timer.write(0, 1, 2);

        assertEquals(2, timer.read(0, 1));
    }
}
