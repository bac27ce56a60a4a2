package dev.jefevm.devices.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalApicTest {

    static final int ID = 0x20, VERSION = 0x30, TPR = 0x80, PPR = 0xA0, EOI = 0xB0, LDR = 0xD0, DFR = 0xE0,
            SVR = 0xF0, ISR = 0x100, TMR = 0x180, IRR = 0x200, ESR = 0x280, ICR_LOW = 0x300, ICR_HIGH = 0x310,
            LVT_TIMER = 0x320, LVT_LINT0 = 0x350, LVT_LINT1 = 0x360, LVT_ERROR = 0x370;

    private final VirtualClock clock = VirtualClock.deterministic();
    private final LocalApic apic = new LocalApic(0, clock);
    private final List<Integer> broadcasts = new ArrayList<>();

    @BeforeEach
    void enable() {
        apic.setEoiBroadcast(broadcasts::add);
        apic.write(SVR, 4, 0x1FF);
    }

    private int reg(int offset) {
        return (int) apic.read(offset, 4);
    }

    @Test
    void read_afterReset_reportsVersionIdAndDefaults() {
        LocalApic fresh = new LocalApic(3, clock);

        assertEquals(0x0105_0014, (int) fresh.read(VERSION, 4));
        assertEquals(3 << 24, (int) fresh.read(ID, 4));
        assertEquals(0xFF, (int) fresh.read(SVR, 4));
        assertEquals(0xFFFF_FFFF, (int) fresh.read(DFR, 4));
        assertEquals(LocalApic.LVT_MASK, (int) fresh.read(LVT_LINT0, 4));
        assertEquals(0xFEE0_0900L, fresh.readApicBase());
    }

    @Test
    void acknowledge_movesHighestVectorFromIrrToIsr() {
        apic.deliver(LocalApic.FIXED, 0x41, false);
        apic.deliver(LocalApic.FIXED, 0x63, false);

        assertTrue(apic.interruptPending());
        assertEquals(0x63, apic.acknowledge());
        assertEquals(0, reg(IRR + 0x30));          // 0x63 left IRR word 3
        assertEquals(1 << 3, reg(ISR + 0x30));     // and is in service
        assertEquals(1 << 1, reg(IRR + 0x20));     // 0x41 still requested
        assertFalse(apic.interruptPending());       // 0x41 is in a lower class than the in-service 0x63
    }

    @Test
    void eoi_retiresInServiceVectorAndLetsLowerClassThrough() {
        apic.deliver(LocalApic.FIXED, 0x41, false);
        apic.deliver(LocalApic.FIXED, 0x63, false);
        apic.acknowledge();

        apic.write(EOI, 4, 0);

        assertEquals(0, reg(ISR + 0x30));
        assertTrue(apic.interruptPending());
        assertEquals(0x41, apic.acknowledge());
        assertTrue(broadcasts.isEmpty(), "edge-triggered vectors are not broadcast");
    }

    @Test
    void tpr_masksVectorsInItsClassAndBelow() {
        apic.write(TPR, 4, 0x50);
        apic.deliver(LocalApic.FIXED, 0x5F, false);

        assertFalse(apic.interruptPending());
        assertEquals(0xFF, apic.acknowledge(), "masked since the INTR: spurious vector");
        assertEquals(0x50, reg(PPR));

        apic.write(TPR, 4, 0x40);

        assertTrue(apic.interruptPending());
    }

    @Test
    void ppr_followsInServiceClassWhenAboveTpr() {
        apic.write(TPR, 4, 0x21);
        apic.deliver(LocalApic.FIXED, 0x75, false);
        apic.acknowledge();

        assertEquals(0x70, reg(PPR));
        apic.write(EOI, 4, 0);
        assertEquals(0x21, reg(PPR));
    }

    @Test
    void eoi_ofLevelTriggeredVector_isBroadcastUnlessSuppressed() {
        apic.deliver(LocalApic.FIXED, 0x30, true);
        assertEquals(1 << 16, reg(TMR + 0x10));
        apic.acknowledge();

        apic.write(EOI, 4, 0);

        assertEquals(List.of(0x30), broadcasts);

        apic.write(SVR, 4, 0x11FF);
        apic.deliver(LocalApic.FIXED, 0x30, true);
        apic.acknowledge();
        apic.write(EOI, 4, 0);
        assertEquals(List.of(0x30), broadcasts, "SVR bit 12 suppresses the broadcast");
    }

    @Test
    void deliver_whileSoftwareDisabled_isDropped() {
        apic.write(SVR, 4, 0xFF);

        apic.deliver(LocalApic.FIXED, 0x40, false);

        assertFalse(apic.interruptPending());
        assertEquals(0, reg(IRR + 0x20));
    }

    @Test
    void lvtMask_cannotBeClearedWhileSoftwareDisabled() {
        apic.write(SVR, 4, 0xFF);

        apic.write(LVT_LINT0, 4, 0x700);

        assertEquals(0x10700, reg(LVT_LINT0));
    }

    @Test
    void illegalVector_setsEsrAfterTheLatchingWrite() {
        apic.write(LVT_ERROR, 4, 0xFE);
        apic.deliver(LocalApic.FIXED, 5, false);
        assertEquals(0, reg(ESR), "ESR shows errors only after a write");

        apic.write(ESR, 4, 0);

        assertEquals(LocalApic.ESR_RECEIVE_ILLEGAL_VECTOR, reg(ESR));
        assertEquals(0xFE, apic.acknowledge(), "the error LVT raised its vector");
    }

    @Test
    void illegalErrorVector_recordsTheErrorWithoutDelivering() {
        apic.write(LVT_ERROR, 4, 0x03);

        apic.deliver(LocalApic.FIXED, 7, false);
        apic.write(ESR, 4, 0);

        assertEquals(LocalApic.ESR_RECEIVE_ILLEGAL_VECTOR, reg(ESR));
        assertFalse(apic.interruptPending());
    }

    @Test
    void unimplementedRegister_setsIllegalRegisterError() {
        apic.read(0x3F0, 4);
        apic.write(ESR, 4, 0);

        assertEquals(LocalApic.ESR_ILLEGAL_REGISTER, reg(ESR));
    }

    @Test
    void misalignedOrNarrowAccess_isIgnoredAndCounted() {
        apic.write(TPR, 2, 0x40);
        long value = apic.read(TPR + 4, 4);

        assertEquals(0, reg(TPR));
        assertEquals(0, value);
        assertEquals(2, apic.ignoredAccesses());
    }

    @Test
    void icrSelfShorthand_deliversFixedVectorToItself() {
        apic.write(ICR_LOW, 4, (1 << 18) | 0x44);

        assertEquals(0x44, apic.acknowledge());
        assertEquals((1 << 18) | 0x44, reg(ICR_LOW), "delivery status reads idle");
    }

    @Test
    void icrToOwnPhysicalId_deliversAndToOtherIdDoesNot() {
        apic.write(ICR_HIGH, 4, 1 << 24);
        apic.write(ICR_LOW, 4, 0x45);
        assertFalse(apic.interruptPending());

        apic.write(ICR_HIGH, 4, 0);
        apic.write(ICR_LOW, 4, 0x45);

        assertEquals(0x45, apic.acknowledge());
    }

    @Test
    void icrAllExcludingSelf_reachesNobody() {
        apic.write(ICR_LOW, 4, (3 << 18) | 0x46);

        assertFalse(apic.interruptPending());
    }

    @Test
    void icrNmi_setsNmiPending() {
        apic.write(ICR_LOW, 4, (1 << 18) | (LocalApic.NMI << 8));

        assertTrue(apic.nmiPending());
        apic.acknowledgeNmi();
        assertFalse(apic.nmiPending());
    }

    @Test
    void logicalFlatDestination_matchesLdrBits() {
        apic.write(LDR, 4, 0x0400_0000);

        assertTrue(apic.matchesDestination(0x06, true));
        assertFalse(apic.matchesDestination(0x09, true));
    }

    @Test
    void logicalClusterDestination_matchesClusterAndMember() {
        apic.write(DFR, 4, 0x0FFF_FFFF);
        apic.write(LDR, 4, 0x3200_0000);

        assertTrue(apic.matchesDestination(0x36, true));
        assertFalse(apic.matchesDestination(0x26, true));
        assertEquals(0x0FFF_FFFF, reg(DFR));
    }

    @Test
    void lint0ExtInt_followsThePicOutput() {
        apic.write(LVT_LINT0, 4, LocalApic.EXT_INT << 8);

        apic.lint0().set(true);
        assertTrue(apic.extIntPending());
        apic.lint0().set(false);

        assertFalse(apic.extIntPending());
    }

    @Test
    void lint1Nmi_deliversOnRisingEdge() {
        apic.write(LVT_LINT1, 4, LocalApic.NMI << 8);

        apic.lint1().set(true);

        assertTrue(apic.nmiPending());
    }

    @Test
    void lint0LevelFixed_holdsRemoteIrrUntilEoiThenRedelivers() {
        apic.write(LVT_LINT0, 4, LocalApic.LVT_LEVEL | 0x52);
        apic.lint0().set(true);
        assertEquals(0x52, apic.acknowledge());
        assertTrue((reg(LVT_LINT0) & LocalApic.LVT_REMOTE_IRR) != 0);

        apic.write(EOI, 4, 0);

        assertTrue(apic.interruptPending(), "the line is still asserted");
        assertTrue((reg(LVT_LINT0) & LocalApic.LVT_REMOTE_IRR) != 0);
    }

    @Test
    void apicBase_clearingEnable_turnsApicOffAndResetsIt() {
        apic.write(TPR, 4, 0x30);

        apic.writeApicBase(LocalApic.DEFAULT_BASE | LocalApic.BASE_BSP);

        assertFalse(apic.hardwareEnabled());
        assertEquals(0, apic.read(TPR, 4));
        apic.writeApicBase(LocalApic.DEFAULT_BASE | LocalApic.BASE_ENABLE);
        assertEquals(0, reg(TPR));
        assertEquals(0xFF, reg(SVR));
        assertEquals(LocalApic.BASE_BSP, apic.readApicBase() & LocalApic.BASE_BSP, "BSP is read-only");
    }
}
