package dev.jefevm.devices.debugexit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebugExitPortTest {

    private final List<Integer> statuses = new ArrayList<>();
    private final DebugExitPort port = new DebugExitPort(statuses::add);

    @Test
    void byteWrite_exitsWithValueShiftedLeftPlusOne() {
        port.write(0, 1, 0x10);

        assertEquals(List.of(0x21), statuses);
    }

    @Test
    void writeOfZero_exitsWithOne_neverCleanZero() {
        port.write(0, 1, 0);

        assertEquals(List.of(1), statuses);
    }

    @Test
    void write_usesOnlyTheLowSizeBytes() {
        port.write(0, 1, 0x1234_56FF);
        port.write(0, 2, 0x1234_ABCD);
        port.write(0, 4, 0x4000_0001);

        assertEquals(List.of(0x1FF, 0x1579B, 0x8000_0003), statuses);
    }

    @Test
    void read_returnsAllOnes() {
        assertEquals(0xFF, port.read(0, 1));
        assertEquals(0xFFFF, port.read(0, 2));
        assertEquals(0xFFFF_FFFF, port.read(0, 4));
        assertEquals(List.of(), statuses);
    }
}
