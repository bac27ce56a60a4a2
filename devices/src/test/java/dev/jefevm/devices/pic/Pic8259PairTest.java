package dev.jefevm.devices.pic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Pic8259PairTest {

    private final boolean[] intr = new boolean[1];
    private final Pic8259Pair pic = new Pic8259Pair(level -> intr[0] = level);

    /** The PC/AT initialization every BIOS and kernel does: vectors 0x20 and 0x28, cascade on IR2, 8086 mode. */
    @BeforeEach
    void initializeAsThePcDoes() {
        pic.master().write(0, 1, 0x11);
        pic.master().write(1, 1, 0x20);
        pic.master().write(1, 1, 0x04);
        pic.master().write(1, 1, 0x01);
        pic.slave().write(0, 1, 0x11);
        pic.slave().write(1, 1, 0x28);
        pic.slave().write(1, 1, 0x02);
        pic.slave().write(1, 1, 0x01);
    }

    private void masterEoi() {
        pic.master().write(0, 1, 0x20);
    }

    private void slaveEoi() {
        pic.slave().write(0, 1, 0x20);
    }

    private int masterIsr() {
        pic.master().write(0, 1, 0x0B);
        return pic.master().read(0, 1);
    }

    private int slaveIsr() {
        pic.slave().write(0, 1, 0x0B);
        return pic.slave().read(0, 1);
    }

    private void pulse(int irq) {
        pic.line(irq).set(true);
        pic.line(irq).set(false);
    }

    @Test
    void acknowledge_afterRisingEdge_returnsBasePlusIrAndSetsIsr() {
        pic.line(1).set(true);

        int vector = pic.acknowledge();

        assertEquals(0x21, vector);
        assertEquals(0x02, masterIsr());
    }

    @Test
    void intrOutput_followsPendingRequest() {
        pic.line(4).set(true);
        boolean raised = intr[0];

        pic.acknowledge();

        assertTrue(raised);
        assertFalse(intr[0]);
        assertFalse(pic.interruptPending());
    }

    @Test
    void edgeInput_fallingBeforeAcknowledge_staysLatched() {
        pulse(3);

        assertTrue(pic.interruptPending());
        assertEquals(0x23, pic.acknowledge());
    }

    @Test
    void edgeInput_heldHighAfterEoi_isNotRequestedAgain() {
        pic.line(3).set(true);
        pic.acknowledge();

        masterEoi();

        assertFalse(pic.interruptPending());
    }

    @Test
    void levelInput_heldHighAfterEoi_isRequestedAgain() {
        pic.edgeLevelControl().write(1, 1, 0x08); // IRQ11 level triggered
        pic.line(11).set(true);
        pic.acknowledge();

        slaveEoi();
        masterEoi();

        assertTrue(pic.interruptPending());
        assertEquals(0x2B, pic.acknowledge());
    }

    @Test
    void levelInput_droppedBeforeAcknowledge_isNoLongerRequested() {
        pic.edgeLevelControl().write(0, 1, 0x20); // IRQ5 level triggered
        pic.line(5).set(true);

        pic.line(5).set(false);

        assertFalse(pic.interruptPending());
        assertEquals(0, pic.master().read(0, 1)); // IRR (the default read register)
    }

    @Test
    void edgeLevelControl_reservedBits_readZero() {
        pic.edgeLevelControl().write(0, 2, 0xFFFF);

        assertEquals(0xDEF8, pic.edgeLevelControl().read(0, 2));
    }

    @Test
    void priority_lowerIrNumberIsServedFirst() {
        pic.line(3).set(true);
        pic.line(1).set(true);

        assertEquals(0x21, pic.acknowledge());
    }

    @Test
    void priority_lowerRequestWaitsUntilHigherIsEnded() {
        pic.line(1).set(true);
        pic.acknowledge();
        pic.line(3).set(true);
        boolean pendingWhileInService = pic.interruptPending();

        masterEoi();

        assertFalse(pendingWhileInService);
        assertEquals(0x23, pic.acknowledge());
    }

    @Test
    void priority_higherRequestNestsOverLowerInService() {
        pic.line(3).set(true);
        pic.acknowledge();
        pic.line(1).set(true);

        assertEquals(0x21, pic.acknowledge());
        assertEquals(0x0A, masterIsr());
    }

    @Test
    void nonSpecificEoi_clearsHighestPriorityInService() {
        pic.line(3).set(true);
        pic.acknowledge();
        pic.line(1).set(true);
        pic.acknowledge();

        masterEoi();

        assertEquals(0x08, masterIsr());
    }

    @Test
    void specificEoi_clearsNamedLevel() {
        pic.line(3).set(true);
        pic.acknowledge();
        pic.line(1).set(true);
        pic.acknowledge();

        pic.master().write(0, 1, 0x63); // specific EOI, level 3

        assertEquals(0x02, masterIsr());
    }

    @Test
    void rotateOnNonSpecificEoi_makesServedLevelLowest() {
        pic.line(1).set(true);
        pic.acknowledge();
        pic.master().write(0, 1, 0xA0); // rotate on non-specific EOI: IR1 now lowest, IR2 highest
        pic.line(1).set(false);
        pic.line(1).set(true);
        pic.line(7).set(true);

        assertEquals(0x27, pic.acknowledge());
    }

    @Test
    void setPriority_makesNamedLevelLowest() {
        pic.master().write(0, 1, 0xC4); // IR4 lowest, so IR5 highest
        pic.line(0).set(true);
        pic.line(5).set(true);

        assertEquals(0x25, pic.acknowledge());
    }

    @Test
    void interruptMask_holdsRequestUntilUnmasked() {
        pic.master().write(1, 1, 0x10);
        pic.line(4).set(true);
        boolean pendingWhileMasked = pic.interruptPending();

        pic.master().write(1, 1, 0x00);

        assertFalse(pendingWhileMasked);
        assertTrue(pic.interruptPending());
        assertEquals(0x00, pic.master().read(1, 1));
    }

    @Test
    void readRegisterCommand_selectsIrrThenIsr() {
        pic.line(6).set(true);
        pic.line(5).set(true);
        pic.acknowledge();

        pic.master().write(0, 1, 0x0A);
        int irr = pic.master().read(0, 1);
        pic.master().write(0, 1, 0x0B);
        int isr = pic.master().read(0, 1);

        assertEquals(0x40, irr);
        assertEquals(0x20, isr);
    }

    @Test
    void pollCommand_readsHighestRequestAndAcknowledgesIt() {
        pic.line(6).set(true);

        pic.master().write(0, 1, 0x0C);
        int poll = pic.master().read(0, 1);

        assertEquals(0x86, poll);
        assertEquals(0x40, masterIsr());
    }

    @Test
    void pollCommand_withNothingPending_readsZero() {
        pic.master().write(0, 1, 0x0C);

        assertEquals(0x00, pic.master().read(0, 1));
    }

    @Test
    void acknowledge_withNothingPending_givesSpuriousIr7WithoutIsr() {
        int vector = pic.acknowledge();

        assertEquals(0x27, vector);
        assertEquals(0, masterIsr());
    }

    @Test
    void acknowledge_slaveRequest_setsBothIsrsAndReturnsSlaveVector() {
        pic.line(12).set(true);

        int vector = pic.acknowledge();

        assertEquals(0x2C, vector);
        assertEquals(0x04, masterIsr());
        assertEquals(0x10, slaveIsr());
    }

    @Test
    void slaveSpurious_givesSlaveIr7ButLeavesMasterCascadeInService() {
        pic.line(10).set(true);
        pic.slave().write(1, 1, 0x04); // masked after the master latched the slave's INT

        int vector = pic.acknowledge();

        assertEquals(0x2F, vector);
        assertEquals(0, slaveIsr());
        assertEquals(0x04, masterIsr());
    }

    @Test
    void slaveRequest_whileMasterCascadeInService_waitsForMasterEoi() {
        pic.line(12).set(true);
        pic.acknowledge();
        slaveEoi();
        pic.line(9).set(true);
        boolean pendingBeforeMasterEoi = pic.interruptPending();

        masterEoi();

        assertFalse(pendingBeforeMasterEoi);
        assertEquals(0x29, pic.acknowledge());
    }

    @Test
    void autoEoi_leavesNothingInService() {
        pic.master().write(0, 1, 0x11);
        pic.master().write(1, 1, 0x20);
        pic.master().write(1, 1, 0x04);
        pic.master().write(1, 1, 0x03); // ICW4: AEOI
        pic.line(1).set(true);
        pic.line(3).set(true);

        int first = pic.acknowledge();

        assertEquals(0x21, first);
        assertEquals(0, masterIsr());
        assertEquals(0x23, pic.acknowledge());
    }

    @Test
    void autoEoiWithRotation_makesServedLevelLowest() {
        pic.master().write(0, 1, 0x11);
        pic.master().write(1, 1, 0x20);
        pic.master().write(1, 1, 0x04);
        pic.master().write(1, 1, 0x03);
        pic.master().write(0, 1, 0x80); // rotate in automatic EOI mode
        pic.line(0).set(true);
        pic.acknowledge();
        pic.line(0).set(false);

        pic.line(0).set(true);
        pic.line(5).set(true);

        assertEquals(0x25, pic.acknowledge());
    }

    @Test
    void autoEoiOnSlave_secondSlaveRequestStillReachesCpu() {
        pic.slave().write(0, 1, 0x11);
        pic.slave().write(1, 1, 0x28);
        pic.slave().write(1, 1, 0x02);
        pic.slave().write(1, 1, 0x03);
        pic.line(8).set(true);
        pic.line(9).set(true);
        pic.acknowledge();

        masterEoi();

        assertTrue(pic.interruptPending());
        assertEquals(0x29, pic.acknowledge());
    }

    @Test
    void specialMaskMode_letsLowerLevelInterruptMaskedInServiceLevel() {
        pic.line(1).set(true);
        pic.acknowledge();
        pic.master().write(1, 1, 0x02); // mask IR1, which is in service
        pic.master().write(0, 1, 0x68); // OCW3: set special mask mode
        pic.line(3).set(true);

        assertTrue(pic.interruptPending());
        assertEquals(0x23, pic.acknowledge());
    }

    @Test
    void specialMaskMode_reset_restoresNestedPriority() {
        pic.line(1).set(true);
        pic.acknowledge();
        pic.master().write(1, 1, 0x02);
        pic.master().write(0, 1, 0x68);
        pic.master().write(0, 1, 0x48); // OCW3: reset special mask mode
        pic.line(3).set(true);

        assertFalse(pic.interruptPending());
    }

    @Test
    void specialFullyNested_higherSlaveRequestPassesWhileCascadeInService() {
        pic.master().write(0, 1, 0x11);
        pic.master().write(1, 1, 0x20);
        pic.master().write(1, 1, 0x04);
        pic.master().write(1, 1, 0x11); // ICW4: SFNM, 8086
        pic.line(9).set(true);
        pic.acknowledge();

        pic.line(8).set(true);

        assertTrue(pic.interruptPending());
        assertEquals(0x28, pic.acknowledge());
        assertEquals(0x03, slaveIsr());
    }

    @Test
    void initialization_clearsMaskAndNeedsFreshEdge() {
        pic.master().write(1, 1, 0xFF);
        pic.line(4).set(true);

        pic.master().write(0, 1, 0x11);
        pic.master().write(1, 1, 0x20);
        pic.master().write(1, 1, 0x04);
        pic.master().write(1, 1, 0x01);

        assertEquals(0, pic.master().read(1, 1));
        assertFalse(pic.interruptPending());
    }

    @Test
    void access_beyondPortOffsets_isIgnoredAndCounted() {
        pic.master().write(2, 1, 0xFF);

        assertEquals(0xFF, pic.master().read(3, 1));
        assertEquals(2, pic.master().ignoredAccesses());
    }

    @Test
    void reset_clearsInServiceAndEdgeLevelControl() {
        pic.edgeLevelControl().write(0, 1, 0x08);
        pic.line(12).set(true);
        pic.acknowledge();

        pic.reset();

        assertEquals(0, masterIsr());
        assertEquals(0, slaveIsr());
        assertEquals(0, pic.edgeLevelControl().read(0, 2));
        assertFalse(pic.interruptPending());
    }

    @Test
    void wordAccess_isSplitIntoBytePorts() {
        pic.master().write(0, 2, 0xFF0B); // OCW3 read ISR at A0 = 0, then OCW1 mask all at A0 = 1

        assertEquals(0xFF00, pic.master().read(0, 2));
    }
}
