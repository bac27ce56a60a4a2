package dev.jefevm.devices.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.platform.Platform.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcpiPmControlTest {

    private final StopRecorder stops = new StopRecorder();
    private final AcpiPmControl pm = new AcpiPmControl(stops);

    @Test
    void writeControl_slpEnWithS5Type_powersOff() {
        pm.controlBlock().write(0, 2, (5 << 10) | (1 << 13));

        assertEquals(List.of(StopReason.POWER_OFF), stops.reasons);
        assertTrue(stops.lastDetail.contains("S5"));
    }

    @Test
    void writeControl_s5TypeWithoutSlpEn_doesNothing() {
        pm.controlBlock().write(0, 2, 5 << 10);

        assertTrue(stops.reasons.isEmpty());
        assertEquals((5 << 10) | 1, pm.controlBlock().read(0, 2)); // SLP_TYP stored, SCI_EN reads 1
    }

    @Test
    void writeControl_otherSleepType_isIgnoredAndCounted() {
        pm.controlBlock().write(0, 2, (1 << 10) | (1 << 13));

        assertTrue(stops.reasons.isEmpty());
        assertEquals(1, pm.ignoredSleepRequests());
    }

    @Test
    void writeControl_highByteAlone_powersOff() {
        // SLP_EN | SLP_TYP=5 live in the high byte: 0x34
        pm.controlBlock().write(1, 1, 0x34);

        assertEquals(List.of(StopReason.POWER_OFF), stops.reasons);
    }

    @Test
    void readControl_slpEnIsWriteOnly() {
        pm.controlBlock().write(0, 2, (1 << 10) | (1 << 13));

        assertEquals(0, pm.controlBlock().read(0, 2) & (1 << 13));
    }

    @Test
    void eventBlock_enableBitsReadBack_statusIsWriteOneToClear() {
        pm.eventBlock().write(2, 2, 0x0121);
        pm.eventBlock().write(0, 2, 0xFFFF);

        assertEquals(0x0121, pm.eventBlock().read(2, 2));
        assertEquals(0, pm.eventBlock().read(0, 2));
        assertEquals(0x0121_0000, pm.eventBlock().read(0, 4));
    }

    @Test
    void saveThenRestore_keepsRegisters() {
        pm.eventBlock().write(2, 2, 0x0100);
        AcpiPmControl copy = new AcpiPmControl(stops);

        copy.restoreState(pm.saveState());

        assertEquals(0x0100, copy.eventBlock().read(2, 2));
    }

    @Test
    void pressPowerButton_withPwrbtnEnabled_assertsSciUntilStatusCleared() {
        List<Boolean> sci = new java.util.ArrayList<>();
        AcpiPmControl wired = new AcpiPmControl(stops, sci::add);
        wired.eventBlock().write(2, 2, AcpiPmControl.PWRBTN);

        wired.pressPowerButton();
        boolean raised = sci.getLast();
        wired.eventBlock().write(0, 2, AcpiPmControl.PWRBTN);

        assertTrue(raised);
        assertEquals(false, sci.getLast());
        assertEquals(0, wired.eventBlock().read(0, 2));
    }

    @Test
    void pressPowerButton_withPwrbtnDisabled_setsStatusWithoutSci() {
        List<Boolean> sci = new java.util.ArrayList<>();
        AcpiPmControl wired = new AcpiPmControl(stops, sci::add);

        wired.pressPowerButton();

        assertEquals(AcpiPmControl.PWRBTN, wired.eventBlock().read(0, 2));
        assertEquals(false, sci.getLast());
    }
}
