package dev.jefevm.core.cpu.system;

import static dev.jefevm.core.cpu.system.LongModeMachine.insn;
import static dev.jefevm.core.cpu.system.LongModeMachine.memInsn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.UserModeTraps;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

class SystemExecutorTest {

    private final LongModeMachine m = new LongModeMachine();
    private final CpuState s = m.state;

    private void run(Instruction insn) {
        SystemExecutor.execute(m.cpu, insn);
    }

    private CpuFault fault(Instruction insn) {
        return assertThrows(CpuFault.class, () -> run(insn));
    }

    private void wrmsr(long msr, long value) {
        s.gpr[CpuState.RCX] = msr;
        s.gpr[CpuState.RAX] = value & 0xFFFF_FFFFL;
        s.gpr[CpuState.RDX] = value >>> 32;
        run(insn(Op.WRMSR, 4));
    }

    private long rdmsr(long msr) {
        s.gpr[CpuState.RCX] = msr;
        run(insn(Op.RDMSR, 4));
        return (s.gpr[CpuState.RDX] << 32) | s.gpr[CpuState.RAX];
    }

    // ---- MSRs ----

    @Test
    void wrmsrThenRdmsr_lstar_roundTrips() {
        wrmsr(Msrs.LSTAR, 0xFFFF_FFFF_8000_1000L);

        assertEquals(0xFFFF_FFFF_8000_1000L, rdmsr(Msrs.LSTAR));
    }

    @Test
    void wrmsr_nonCanonicalLstar_raisesGp() {
        s.gpr[CpuState.RCX] = Msrs.LSTAR;
        s.gpr[CpuState.RDX] = 0x8000;
        s.gpr[CpuState.RAX] = 0;

        assertEquals(CpuFault.GP, fault(insn(Op.WRMSR, 4)).vector);
    }

    @Test
    void rdmsr_unknownMsr_raisesGpZero() {
        s.gpr[CpuState.RCX] = 0x1234;

        CpuFault f = fault(insn(Op.RDMSR, 4));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, f.errorCode);
    }

    @Test
    void rdmsr_atCpl3_raisesGp() {
        s.cpl = 3;
        s.gpr[CpuState.RCX] = Msrs.EFER;

        assertEquals(CpuFault.GP, fault(insn(Op.RDMSR, 4)).vector);
    }

    @Test
    void wrmsr_eferReservedBit_raisesGpAndLeavesEfer() {
        long before = s.efer;
        s.gpr[CpuState.RCX] = Msrs.EFER;
        s.gpr[CpuState.RAX] = before | (1 << 3);
        s.gpr[CpuState.RDX] = 0;

        assertEquals(CpuFault.GP, fault(insn(Op.WRMSR, 4)).vector);
        assertEquals(before, s.efer);
    }

    @Test
    void wrmsr_tsc_setsOffsetSoRdtscContinuesFromValue() {
        m.board.clock.retire(1000);
        wrmsr(Msrs.TSC, 50_000);
        m.board.clock.retire(10);

        run(insn(Op.RDTSC, 4));

        assertEquals(50_010, (s.gpr[CpuState.RDX] << 32) | s.gpr[CpuState.RAX]);
    }

    @Test
    void rdtscp_returnsTscAuxInEcx() {
        wrmsr(Msrs.TSC_AUX, 5);

        run(insn(Op.RDTSCP, 4));

        assertEquals(5, s.gpr[CpuState.RCX]);
    }

    @Test
    void rdtsc_withTsdAtCpl3_raisesGp() {
        s.cr4 |= ControlRegisters.CR4_TSD;
        s.cpl = 3;

        assertEquals(CpuFault.GP, fault(insn(Op.RDTSC, 4)).vector);
    }

    @Test
    void variableMtrrs_storeWrites_mtrrcapIsReadOnly() {
        wrmsr(Msrs.MTRR_PHYSBASE0 + 3, 0x8000_0006L);
        long stored = rdmsr(Msrs.MTRR_PHYSBASE0 + 3);
        s.gpr[CpuState.RCX] = Msrs.MTRRCAP;

        assertEquals(0x8000_0006L, stored);
        assertEquals(CpuFault.GP, fault(insn(Op.WRMSR, 4)).vector);
    }

    @Test
    void wrmsr_patWithReservedType_raisesGp() {
        s.gpr[CpuState.RCX] = Msrs.PAT;
        s.gpr[CpuState.RAX] = 0x02;
        s.gpr[CpuState.RDX] = 0;

        assertEquals(CpuFault.GP, fault(insn(Op.WRMSR, 4)).vector);
    }

    // ---- control registers ----

    @Test
    void movToCr3_flushesStaleTranslations() {
        m.cpu.mmu.read8(0x1000);
        m.memory.write64(LongModeMachine.PDPT, 0x4000_0000L | 0x87); // first GiB now maps to 1 GiB... beyond RAM

        s.gpr[CpuState.RBX] = LongModeMachine.PML4;
        run(insn(Op.MOV_TO_CR, 8, Instruction.K_CR, 3, Instruction.K_GPR, CpuState.RBX, 0));

        assertEquals(0x4000_1000L, m.cpu.mmu.translate(0x1000, 0));
    }

    @Test
    void movToCr4_unsupportedBit_raisesGp() {
        s.gpr[CpuState.RAX] = s.cr4 | (1 << 20); // SMEP is not offered

        assertEquals(CpuFault.GP, fault(insn(Op.MOV_TO_CR, 8, Instruction.K_CR, 4, Instruction.K_GPR, 0, 0)).vector);
    }

    @Test
    void movToCr0_clearingPagingIn64BitMode_raisesGp() {
        s.gpr[CpuState.RAX] = s.cr0 & ~ControlRegisters.CR0_PG;

        assertEquals(CpuFault.GP, fault(insn(Op.MOV_TO_CR, 8, Instruction.K_CR, 0, Instruction.K_GPR, 0, 0)).vector);
    }

    @Test
    void movToCr0_enablingPagingWithLme_activatesLongMode() {
        s.cr0 = ControlRegisters.CR0_PE | ControlRegisters.CR0_ET;
        s.efer = Msrs.EFER_LME;
        s.gpr[CpuState.RAX] = s.cr0 | ControlRegisters.CR0_PG;

        run(insn(Op.MOV_TO_CR, 8, Instruction.K_CR, 0, Instruction.K_GPR, 0, 0));

        assertTrue(s.longModeActive());
    }

    @Test
    void movFromCr_atCpl3_raisesGp() {
        s.cpl = 3;

        assertEquals(CpuFault.GP, fault(insn(Op.MOV_FROM_CR, 8, Instruction.K_GPR, 0, Instruction.K_CR, 0, 0)).vector);
    }

    @Test
    void clts_clearsTaskSwitched() {
        s.cr0 |= ControlRegisters.CR0_TS;

        run(insn(Op.CLTS, 4));

        assertEquals(0, s.cr0 & ControlRegisters.CR0_TS);
    }

    // ---- descriptor tables and segments ----

    @Test
    void sgdt_storesLimitAndBase() {
        run(memInsn(Op.SGDT, 8, 0x9000));

        assertEquals(55, m.memory.read16(0x9000));
        assertEquals(LongModeMachine.GDT, m.memory.read64(0x9002));
    }

    @Test
    void lidt_atCpl3_raisesGp() {
        s.cpl = 3;

        assertEquals(CpuFault.GP, fault(memInsn(Op.LIDT, 8, 0x9000)).vector);
    }

    @Test
    void ltr_loadsTssAndMarksItBusy() {
        s.trSelector = 0;
        s.gpr[CpuState.RAX] = LongModeMachine.TSS_SEL;

        run(insn(Op.LTR, 2, Instruction.K_GPR, 0, Instruction.K_NONE, 0, 0));

        assertEquals(LongModeMachine.TSS, s.trBase);
        assertEquals(0xB, (m.memory.read64(LongModeMachine.GDT + 40) >>> 40) & 0xF);
    }

    @Test
    void ltr_busyTss_raisesGpWithSelector() {
        m.memory.write8(LongModeMachine.GDT + 45, 0x8B);
        s.gpr[CpuState.RAX] = LongModeMachine.TSS_SEL;

        CpuFault f = fault(insn(Op.LTR, 2, Instruction.K_GPR, 0, Instruction.K_NONE, 0, 0));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(LongModeMachine.TSS_SEL, f.errorCode);
    }

    @Test
    void movToSs_nullSelectorAtCpl3_raisesGpZero() {
        m.enterUserMode(LongModeMachine.USER_CODE);
        s.gpr[CpuState.RAX] = 0;

        CpuFault f = fault(insn(Op.MOV_TO_SREG, 2, Instruction.K_SEG, CpuState.SS, Instruction.K_GPR, 0, 0));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, f.errorCode);
    }

    @Test
    void movToDs_notPresentSegment_raisesNpWithSelector() {
        m.memory.write64(LongModeMachine.GDT + 16, LongModeMachine.KERNEL_DATA_DESC & ~(1L << 47));
        s.gpr[CpuState.RAX] = LongModeMachine.KERNEL_DS;

        CpuFault f = fault(insn(Op.MOV_TO_SREG, 2, Instruction.K_SEG, CpuState.DS, Instruction.K_GPR, 0, 0));

        assertEquals(CpuFault.NP, f.vector);
        assertEquals(LongModeMachine.KERNEL_DS, f.errorCode);
    }

    @Test
    void movToDs_codeSegmentNotReadable_raisesGpWithSelector() {
        s.gpr[CpuState.RAX] = LongModeMachine.KERNEL_CS;
        m.memory.write8(LongModeMachine.GDT + 8 + 5, 0x98); // execute-only code

        CpuFault f = fault(insn(Op.MOV_TO_SREG, 2, Instruction.K_SEG, CpuState.ES, Instruction.K_GPR, 0, 0));

        assertEquals(LongModeMachine.KERNEL_CS, f.errorCode);
    }

    @Test
    void movToGs_loadsSelectorAndSetsAccessedBit() {
        s.gpr[CpuState.RAX] = LongModeMachine.KERNEL_DS;

        run(insn(Op.MOV_TO_SREG, 2, Instruction.K_SEG, CpuState.GS, Instruction.K_GPR, 0, 0));

        assertEquals(LongModeMachine.KERNEL_DS, s.segSelector[CpuState.GS]);
        assertEquals(1, (m.memory.read64(LongModeMachine.GDT + 16) >>> 40) & 1);
    }

    @Test
    void swapgs_exchangesGsBaseWithKernelGsBase() {
        s.segBase[CpuState.GS] = 0x1111;
        s.kernelGsBase = 0x2222;

        run(insn(Op.SWAPGS, 4));

        assertEquals(0x2222, s.segBase[CpuState.GS]);
        assertEquals(0x1111, s.kernelGsBase);
    }

    @Test
    void wrfsbase_withoutCr4Fsgsbase_raisesUd() {
        assertEquals(CpuFault.UD, fault(insn(Op.WRFSBASE, 8, Instruction.K_GPR, 0, Instruction.K_NONE, 0, 0)).vector);
    }

    @Test
    void wrfsbase_withCr4Fsgsbase_setsFsBase() {
        s.cr4 |= ControlRegisters.CR4_FSGSBASE;
        s.gpr[CpuState.RDX] = 0x7FFF_0000L;

        run(insn(Op.WRFSBASE, 8, Instruction.K_GPR, CpuState.RDX, Instruction.K_NONE, 0, 0));

        assertEquals(0x7FFF_0000L, s.segBase[CpuState.FS]);
    }

    // ---- interrupts flag, HLT, I/O ----

    @Test
    void cli_atCpl3WithIopl0_raisesGp() {
        s.cpl = 3;

        assertEquals(CpuFault.GP, fault(insn(Op.CLI, 4)).vector);
    }

    @Test
    void hlt_atCpl0_haltsTheCpu() {
        run(insn(Op.HLT, 4));

        assertTrue(s.halted);
    }

    @Test
    void in_fromDx_readsPlatformPortIntoEax() {
        m.board.portValues.put(0x3FD, 0x60);
        s.gpr[CpuState.RDX] = 0x3FD;
        s.gpr[CpuState.RAX] = -1;

        run(insn(Op.IN, 1, Instruction.K_GPR, 0, Instruction.K_GPR, CpuState.RDX, 0));

        assertEquals(0xFFFF_FFFF_FFFF_FF60L, s.gpr[CpuState.RAX]);
    }

    @Test
    void out_atCpl3_portAllowedByBitmap_reachesPlatform() {
        s.cpl = 3;
        s.gpr[CpuState.RAX] = 0x41;

        run(insn(Op.OUT, 1, Instruction.K_IMM, 0, Instruction.K_GPR, 0, 0x80));

        assertEquals(java.util.List.of("80/1=41"), m.board.writes);
    }

    @Test
    void out_atCpl3_portDeniedByBitmap_raisesGpAndDoesNotWrite() {
        s.cpl = 3;
        m.memory.write8(LongModeMachine.TSS + 0x68 + (0x3F8 >>> 3), 1); // deny 0x3F8
        s.gpr[CpuState.RDX] = 0x3F8;

        assertEquals(CpuFault.GP, fault(insn(Op.OUT, 1, Instruction.K_GPR, CpuState.RDX, Instruction.K_GPR, 0, 0)).vector);
        assertTrue(m.board.writes.isEmpty());
    }

    @Test
    void repOutsb_writesEachByteAndCountsDown() {
        m.load(0x9000, 'h', 'i');
        s.gpr[CpuState.RSI] = 0x9000;
        s.gpr[CpuState.RCX] = 2;
        s.gpr[CpuState.RDX] = 0x3F8;
        Instruction outsb = new Instruction(Op.OUTS, 2, Instruction.P_REP, 1, 1, 8, 0, Instruction.K_NONE, 0,
                Instruction.K_NONE, 0, Instruction.K_NONE, 0, Instruction.NO_REG, Instruction.NO_REG, 0, 0, CpuState.DS, 0, 0);

        run(outsb);

        assertEquals(java.util.List.of("3f8/1=68", "3f8/1=69"), m.board.writes);
        assertEquals(0, s.gpr[CpuState.RCX]);
        assertEquals(0x9002, s.gpr[CpuState.RSI]);
    }

    @Test
    void into_in64BitMode_raisesUd() {
        assertEquals(CpuFault.UD, fault(insn(Op.INTO, 4)).vector);
    }

    // ---- IRETQ checks ----

    @Test
    void iretq_toRing3WithNonCanonicalRip_raisesGpAndChangesNothing() {
        long rsp = 0x7F000;
        m.memory.write64(rsp, 0x0000_8000_0000_0000L);
        m.memory.write64(rsp + 8, LongModeMachine.USER_CS);
        m.memory.write64(rsp + 16, 0x202);
        m.memory.write64(rsp + 24, LongModeMachine.USER_STACK);
        m.memory.write64(rsp + 32, LongModeMachine.USER_DS);
        s.gpr[CpuState.RSP] = rsp;

        assertEquals(CpuFault.GP, fault(insn(Op.IRET, 8)).vector);
        assertEquals(0, s.cpl);
        assertEquals(rsp, s.gpr[CpuState.RSP]);
    }

    @Test
    void iretq_fromRing3_cannotRaiseToRing0() {
        m.enterUserMode(LongModeMachine.USER_CODE);
        long rsp = LongModeMachine.USER_STACK - 40;
        m.memory.write64(rsp, 0x10000);
        m.memory.write64(rsp + 8, LongModeMachine.KERNEL_CS);
        m.memory.write64(rsp + 16, 0x2);
        m.memory.write64(rsp + 24, rsp);
        m.memory.write64(rsp + 32, LongModeMachine.KERNEL_DS);
        s.gpr[CpuState.RSP] = rsp;

        CpuFault f = fault(insn(Op.IRET, 8));

        assertEquals(LongModeMachine.KERNEL_CS, f.errorCode);
        assertEquals(3, s.cpl);
    }

    @Test
    void sysret_withNonCanonicalRcx_raisesGpInRing0() {
        s.gpr[CpuState.RCX] = 0x0000_8000_0000_0000L;

        assertEquals(CpuFault.GP, fault(insn(Op.SYSRET, 8)).vector);
        assertEquals(0, s.cpl);
    }

    @Test
    void syscall_withSceClear_raisesUd() {
        s.efer &= ~Msrs.EFER_SCE;

        assertEquals(CpuFault.UD, fault(insn(Op.SYSCALL, 4)).vector);
    }

    @Test
    void movToDr7_thenDr5AliasReadsIt_whenCr4DeIsClear() {
        s.gpr[CpuState.RAX] = 0x401;
        run(insn(Op.MOV_TO_DR, 8, Instruction.K_DR, 7, Instruction.K_GPR, 0, 0));

        run(insn(Op.MOV_FROM_DR, 8, Instruction.K_GPR, CpuState.RBX, Instruction.K_DR, 5, 0));

        assertEquals(0x401, s.gpr[CpuState.RBX]);
    }

    @Test
    void movFromDr4_withCr4De_raisesUd() {
        s.cr4 |= ControlRegisters.CR4_DE;

        assertEquals(CpuFault.UD, fault(insn(Op.MOV_FROM_DR, 8, Instruction.K_GPR, 0, Instruction.K_DR, 4, 0)).vector);
    }

    @Test
    void movToCr8_reservedBits_raiseGp() {
        s.gpr[CpuState.RAX] = 0x10;

        assertEquals(CpuFault.GP, fault(insn(Op.MOV_TO_CR, 8, Instruction.K_CR, 8, Instruction.K_GPR, 0, 0)).vector);
    }

    @Test
    void lmsw_setsTaskSwitchedButCannotClearProtection() {
        s.gpr[CpuState.RAX] = ControlRegisters.CR0_TS;

        run(insn(Op.LMSW, 2, Instruction.K_GPR, 0, Instruction.K_NONE, 0, 0));

        assertEquals(ControlRegisters.CR0_TS | ControlRegisters.CR0_PE,
                s.cr0 & (ControlRegisters.CR0_TS | ControlRegisters.CR0_PE));
    }

    @Test
    void repInsw_storesEachWordFromThePort() {
        m.board.portValues.put(0x1F0, 0xBEEF);
        s.gpr[CpuState.RDI] = 0x9000;
        s.gpr[CpuState.RCX] = 3;
        s.gpr[CpuState.RDX] = 0x1F0;
        Instruction insw = new Instruction(Op.INS, 3, Instruction.P_REP | Instruction.P_OPSIZE, 2, 2, 8, 0,
                Instruction.K_NONE, 0, Instruction.K_NONE, 0, Instruction.K_NONE, 0, Instruction.NO_REG,
                Instruction.NO_REG, 0, 0, CpuState.ES, 0, 0);

        run(insw);

        assertEquals(0xBEEF, m.memory.read16(0x9004));
        assertEquals(0x9006, s.gpr[CpuState.RDI]);
        assertEquals(0, s.gpr[CpuState.RCX]);
    }

    @Test
    void sysretWithoutRexW_returnsToCompatibilityModeWithTruncatedRip() {
        s.star = 0x13L << 48;
        s.gpr[CpuState.RCX] = 0x1_0000_4000L;
        s.gpr[11] = 0x202;

        run(insn(Op.SYSRET, 4));

        assertEquals(0x4000, s.rip);
        assertEquals(0x13, s.segSelector[CpuState.CS]);
        assertEquals(3, s.cpl);
    }

    // ---- user-code view (conformance family "system instructions at CPL 3") ----

    /** Records the one trap a test expects. */
    private static final class RecordingTraps implements UserModeTraps {
        CpuFault fault;

        @Override
        public void systemCall(Cpu cpu) {
        }

        @Override
        public void exception(Cpu cpu, CpuFault f) {
            fault = f;
        }
    }

    @Test
    void rdpmc_atCpl3WithoutPce_raisesGpZero() {
        m.enterUserMode(0x20010);
        s.gpr[CpuState.RCX] = 0;

        CpuFault f = fault(insn(Op.RDPMC, 4));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, f.errorCode);
    }

    @Test
    void intN_withUserModeTraps_reportsSoftwareInterruptOfVectorN() {
        RecordingTraps traps = new RecordingTraps();
        m.cpu.setUserModeTraps(traps);

        run(insn(Op.INT, 4, Instruction.K_NONE, 0, Instruction.K_NONE, 0, 0x21));

        assertEquals(0x21, traps.fault.vector);
        assertTrue(traps.fault.software);
    }

    @Test
    void int1Icebp_withUserModeTraps_reportsDebugExceptionNotSoftwareInterrupt() {
        RecordingTraps traps = new RecordingTraps();
        m.cpu.setUserModeTraps(traps);

        run(insn(Op.INT1, 4));

        assertEquals(CpuFault.DB, traps.fault.vector);
        assertFalse(traps.fault.software);
    }

    @Test
    void intOne_atCpl3ThroughDplZeroGate_raisesGpWithIdtIndex() {
        m.gate(1, LongModeMachine.HANDLER, 0, 0, false);
        m.enterUserMode(0x20010);

        CpuFault f = fault(insn(Op.INT, 4, Instruction.K_NONE, 0, Instruction.K_NONE, 0, 1));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(1 * 8 + 2, f.errorCode);
    }
}
