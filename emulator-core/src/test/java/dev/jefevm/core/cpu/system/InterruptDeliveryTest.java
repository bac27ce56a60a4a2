package dev.jefevm.core.cpu.system;

import static dev.jefevm.core.cpu.system.LongModeMachine.HANDLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.platform.Platform;
import org.junit.jupiter.api.Test;

class InterruptDeliveryTest {

    private final LongModeMachine m = new LongModeMachine();
    private final CpuState s = m.state;

    @Test
    void fault_samePrivilege_pushesAlignedFrameWithErrorCode() {
        m.gate(13, HANDLER, 0, 0, false);
        s.gpr[CpuState.RSP] = 0x7FFF8;
        s.rip = 0x10005;
        Flags.set(s, 0x202 | CpuState.CF);

        InterruptDelivery.deliverFault(m.cpu, CpuFault.gp(0x10));

        assertEquals(0x7FFF0L - 48, s.gpr[CpuState.RSP]);
        assertEquals(0x10, m.stack(0));
        assertEquals(0x10005L, m.stack(1));
        assertEquals(LongModeMachine.KERNEL_CS, m.stack(2));
        assertEquals(0x203L | CpuState.RF, m.stack(3), "a fault's saved RFLAGS has RF set (SDM Vol.3 17.3.1.1)");
        assertEquals(0x7FFF8L, m.stack(4));
        assertEquals(LongModeMachine.KERNEL_DS, m.stack(5));
        assertEquals(HANDLER, s.rip);
    }

    @Test
    void externalInterrupt_savesRflagsWithoutRf() {
        m.gate(0x30, HANDLER, 0, 0, false);
        s.gpr[CpuState.RSP] = 0x7FFF8;
        Flags.set(s, 0x202);

        InterruptDelivery.deliverExternal(m.cpu, 0x30);

        assertEquals(0x202L, m.stack(2));
    }

    @Test
    void interruptGate_clearsIf_trapGateKeepsIt() {
        m.gate(0x30, HANDLER, 0, 0, false);
        m.gate(0x31, HANDLER, 0, 0, true);
        Flags.set(s, 0x202);
        InterruptDelivery.deliverExternal(m.cpu, 0x30);
        boolean ifAfterInterruptGate = (s.rflagsControl & CpuState.IF) != 0;
        Flags.set(s, 0x202);

        InterruptDelivery.deliverExternal(m.cpu, 0x31);

        assertFalse(ifAfterInterruptGate);
        assertTrue((s.rflagsControl & CpuState.IF) != 0);
    }

    @Test
    void externalInterrupt_fromRing3_switchesToRsp0AndNullSs() {
        m.gate(0x20, HANDLER, 0, 0, false);
        m.enterUserMode(0x20010);

        InterruptDelivery.deliverExternal(m.cpu, 0x20);

        assertEquals(LongModeMachine.RSP0 - 40, s.gpr[CpuState.RSP]);
        assertEquals(0x20010L, m.stack(0));
        assertEquals(LongModeMachine.USER_CS, m.stack(1));
        assertEquals(LongModeMachine.USER_STACK, m.stack(3));
        assertEquals(LongModeMachine.USER_DS, m.stack(4));
        assertEquals(0, s.cpl);
        assertEquals(LongModeMachine.KERNEL_CS, s.segSelector[CpuState.CS]);
        assertEquals(0, s.segSelector[CpuState.SS]);
    }

    @Test
    void istGate_usesIstStackEvenWithoutPrivilegeChange() {
        m.gate(2, HANDLER, 1, 0, false);

        InterruptDelivery.deliverExternal(m.cpu, 2);

        assertEquals(LongModeMachine.IST1 - 40, s.gpr[CpuState.RSP]);
        assertEquals(LongModeMachine.KERNEL_STACK, m.stack(3));
    }

    @Test
    void softwareInterrupt_throughGateWithLowerDpl_raisesGpWithIdtIndex() {
        m.gate(0x80, HANDLER, 0, 0, false);
        m.enterUserMode(0x20010);

        CpuFault f = assertThrows(CpuFault.class, () -> InterruptDelivery.deliverSoftware(m.cpu, 0x80));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0x80 * 8 + 2, f.errorCode);
        assertEquals(3, s.cpl);
        assertEquals(LongModeMachine.USER_STACK, s.gpr[CpuState.RSP]);
    }

    @Test
    void notPresentGate_raisesNpWithIdtIndexAndExt() {
        m.gate(11, HANDLER, 0, 0, false);
        m.gate(6, HANDLER + 0x100, 0, 0, false);
        m.memory.write8(LongModeMachine.IDT + 6 * 16 + 5, 0x0E); // clear P

        InterruptDelivery.deliverFault(m.cpu, CpuFault.ud());

        assertEquals(HANDLER, s.rip);
        assertEquals(6 * 8 + 2 + 1, m.stack(0));
    }

    @Test
    void pageFault_setsCr2AndPushesErrorCode() {
        m.gate(14, HANDLER, 0, 0, false);

        InterruptDelivery.deliverFault(m.cpu, CpuFault.pf(0xDEAD000L, 6));

        assertEquals(0xDEAD000L, s.cr2);
        assertEquals(6, m.stack(0));
    }

    @Test
    void contributoryFaultWhileDeliveringGp_becomesDoubleFaultWithErrorZero() {
        m.gate(8, HANDLER + 0x100, 1, 0, false); // no gates 11 or 13: #GP then #NP -> #DF

        InterruptDelivery.deliverFault(m.cpu, CpuFault.gp(0));

        assertEquals(HANDLER + 0x100, s.rip);
        assertEquals(0, m.stack(0));
    }

    @Test
    void faultWhileDeliveringDoubleFault_isTripleFaultThatStopsTheMachine() {
        InterruptDelivery.deliverFault(m.cpu, CpuFault.gp(0));

        assertEquals(Platform.StopReason.TRIPLE_FAULT, m.board.stopReason);
        assertTrue(m.board.stopDetail.contains("vector 13"));
        assertTrue(s.halted);
    }

    @Test
    void pageFaultOnTheNewStack_duringPageFault_becomesDoubleFault() {
        m.gate(14, HANDLER, 0, 0, false);
        m.gate(8, HANDLER + 0x100, 1, 0, false);
        s.gpr[CpuState.RSP] = 0x4000_0000L + 0x100; // beyond the mapped first GiB

        InterruptDelivery.deliverFault(m.cpu, CpuFault.pf(0x1234, 0));

        assertEquals(HANDLER + 0x100, s.rip);
        assertEquals(0x4000_0000L + 0xF8, s.cr2); // the first push (SS) faults
    }

    @Test
    void externalInterrupt_wakesHaltedCpu() {
        m.gate(0x40, HANDLER, 0, 0, false);
        s.halted = true;

        InterruptDelivery.deliverExternal(m.cpu, 0x40);

        assertFalse(s.halted);
    }

    @Test
    void gateToNonCodeSegment_raisesGpWithSelector() {
        m.gate(0x41, HANDLER, 0, 0, false);
        m.memory.write16(LongModeMachine.IDT + 0x41 * 16 + 2, LongModeMachine.KERNEL_DS);
        m.gate(13, HANDLER + 0x200, 0, 0, false);

        InterruptDelivery.deliverExternal(m.cpu, 0x41);

        assertEquals(HANDLER + 0x200, s.rip);
        assertEquals(LongModeMachine.KERNEL_DS + 1, m.stack(0));
    }
}
