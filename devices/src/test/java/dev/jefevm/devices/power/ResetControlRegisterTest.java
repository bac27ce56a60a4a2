package dev.jefevm.devices.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.platform.Platform.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResetControlRegisterTest {

    private final StopRecorder stops = new StopRecorder();
    private final ResetControlRegister rc = new ResetControlRegister(stops);

    @Test
    void write06_requestsHardReset() {
        rc.write(0, 1, 0x06);

        assertEquals(List.of(StopReason.RESET), stops.reasons);
        assertTrue(stops.lastDetail.startsWith("hard reset"));
    }

    @Test
    void write0E_requestsFullReset() {
        rc.write(0, 1, 0x0E);

        assertEquals(List.of(StopReason.RESET), stops.reasons);
        assertTrue(stops.lastDetail.startsWith("full reset"));
    }

    @Test
    void writeWithoutRstCpu_onlyLatchesBits() {
        rc.write(0, 1, 0x02);

        assertTrue(stops.reasons.isEmpty());
        assertEquals(0x02, rc.read(0, 1));
    }

    @Test
    void read_rstCpuBitReadsAsZero() {
        rc.write(0, 1, 0x06);

        assertEquals(0x02, rc.read(0, 1));
    }
}
