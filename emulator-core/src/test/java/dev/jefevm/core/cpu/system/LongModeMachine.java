package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.memory.PhysicalMemory;

/**
 * A small machine already in 64-bit mode, as a long-mode kernel leaves it: a GDT with ring-0
 * and ring-3 code and data, a 64-bit TSS (RSP0, IST1) loaded in TR, an empty IDT, and the first
 * GiB identity-mapped by one user-accessible, writable 1 GiB page.
 */
final class LongModeMachine {

    static final long GDT = 0x1000, IDT = 0x2000, TSS = 0x3000, PML4 = 0x4000, PDPT = 0x5000;
    static final long CODE = 0x10000, USER_CODE = 0x20000, HANDLER = 0x30000;
    static final long KERNEL_STACK = 0x80000, RSP0 = 0x70000, IST1 = 0x60000, USER_STACK = 0x50000;
    static final int KERNEL_CS = 0x08, KERNEL_DS = 0x10, USER_DS = 0x1B, USER_CS = 0x23, TSS_SEL = 0x28;
    static final long KERNEL_CODE_DESC = 0x00AF_9A00_0000_FFFFL, KERNEL_DATA_DESC = 0x00CF_9200_0000_FFFFL;
    static final long USER_DATA_DESC = 0x00CF_F200_0000_FFFFL, USER_CODE_DESC = 0x00AF_FA00_0000_FFFFL;

    final PhysicalMemory memory = new PhysicalMemory(1 << 20);
    final TestBoard board = new TestBoard();
    final CpuState state = new CpuState();
    final Cpu cpu = new Cpu(state, memory, board);

    LongModeMachine() {
        memory.write64(GDT + 8, KERNEL_CODE_DESC);
        memory.write64(GDT + 16, KERNEL_DATA_DESC);
        memory.write64(GDT + 24, USER_DATA_DESC);
        memory.write64(GDT + 32, USER_CODE_DESC);
        // 64-bit available TSS, limit 0x67 + I/O bitmap room, base TSS
        long tssLimit = 0x67 + 0x2000;
        memory.write64(GDT + 40, (tssLimit & 0xFFFF) | ((TSS & 0xFF_FFFFL) << 16) | (0x89L << 40)
                | (((tssLimit >>> 16) & 0xF) << 48));
        memory.write64(GDT + 48, 0);
        memory.write64(TSS + 4, RSP0);
        memory.write64(TSS + 36, IST1);
        memory.write16(TSS + 102, 0x68); // I/O bitmap right after the 104-byte TSS: all ports allowed
        memory.write64(PML4, PDPT | 7);
        memory.write64(PDPT, 0x87); // 1 GiB page at 0: P, RW, US, PS

        state.gdtrBase = GDT;
        state.gdtrLimit = 55;
        state.idtrBase = IDT;
        state.idtrLimit = 256 * 16 - 1;
        state.trSelector = TSS_SEL;
        state.trBase = TSS;
        state.trLimit = (int) tssLimit;
        state.trAttributes = 0x8B;
        state.cr3 = PML4;
        state.cr4 = ControlRegisters.CR4_PAE | ControlRegisters.CR4_OSFXSR;
        state.efer = Msrs.EFER_LME | Msrs.EFER_LMA | Msrs.EFER_NXE | Msrs.EFER_SCE;
        state.cr0 = ControlRegisters.CR0_PE | ControlRegisters.CR0_ET | ControlRegisters.CR0_WP | ControlRegisters.CR0_PG;
        Segments.load(state, CpuState.CS, KERNEL_CS, KERNEL_CODE_DESC);
        for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES}) {
            Segments.load(state, seg, KERNEL_DS, KERNEL_DATA_DESC);
        }
        state.cpl = 0;
        state.gpr[CpuState.RSP] = KERNEL_STACK;
        state.rip = CODE;
        Flags.set(state, 0x2);
        cpu.mmu.flushAll();
    }

    /** Installs a 64-bit gate: interrupt gate unless {@code trap}. */
    void gate(int vector, long handler, int ist, int dpl, boolean trap) {
        long low = (handler & 0xFFFF) | ((long) KERNEL_CS << 16) | ((long) ist << 32)
                | ((long) ((trap ? 0xF : 0xE) | (dpl << 5) | 0x80) << 40) | ((handler & 0xFFFF_0000L) << 32);
        memory.write64(IDT + vector * 16L, low);
        memory.write64(IDT + vector * 16L + 8, handler >>> 32);
    }

    /** Puts the CPU in ring 3 with user segments and stack. */
    void enterUserMode(long rip) {
        Segments.load(state, CpuState.CS, USER_CS, USER_CODE_DESC);
        Segments.load(state, CpuState.SS, USER_DS, USER_DATA_DESC);
        state.cpl = 3;
        state.gpr[CpuState.RSP] = USER_STACK;
        state.rip = rip;
    }

    void load(long address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            memory.write8(address + i, bytes[i]);
        }
    }

    long stack(int index) {
        return memory.read64(state.gpr[CpuState.RSP] + 8L * index);
    }

    /** An instruction with no explicit operands. */
    static Instruction insn(Op op, int opSize) {
        return new Instruction(op, 2, 0, opSize, opSize, 8, 0, Instruction.K_NONE, 0, Instruction.K_NONE, 0,
                Instruction.K_NONE, 0, Instruction.NO_REG, Instruction.NO_REG, 0, 0, CpuState.DS, 0, 0);
    }

    /** An instruction with two register-like operands (kinds and numbers). */
    static Instruction insn(Op op, int opSize, int kind0, int reg0, int kind1, int reg1, long imm) {
        return new Instruction(op, 2, 0, opSize, opSize, 8, 0, kind0, reg0, kind1, reg1, Instruction.K_NONE, 0,
                Instruction.NO_REG, Instruction.NO_REG, 0, 0, CpuState.DS, imm, 0);
    }

    /** An instruction whose operand 0 is memory at absolute address {@code address}. */
    static Instruction memInsn(Op op, int opSize, long address) {
        return new Instruction(op, 3, 0, opSize, opSize, 8, 0, Instruction.K_MEM, 0, Instruction.K_NONE, 0,
                Instruction.K_NONE, 0, Instruction.NO_REG, Instruction.NO_REG, 0, address, CpuState.DS, 0, 0);
    }
}
