package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.BarePlatform;

/**
 * Test fixture: a CPU with 1 MiB of RAM, paging off (linear = physical), SSE enabled by the
 * "operating system" (CR4.OSFXSR and OSXMMEXCPT set), plus builders for hand-made decoded
 * instructions in the shapes the SSE rows produce.
 */
final class SseMachine {

    static final long CR4_OSFXSR = 1L << 9, CR4_OSXMMEXCPT = 1L << 10;

    final CpuState s = new CpuState();
    final Cpu cpu;

    SseMachine() {
        cpu = new Cpu(s, new PhysicalMemory(1 << 20), new BarePlatform(VirtualClock.deterministic()));
        s.cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
    }

    void run(Instruction insn) {
        SseExecutor.execute(cpu, insn);
    }

    void xmm(int reg, long lo, long hi) {
        s.xmm[2 * reg] = lo;
        s.xmm[2 * reg + 1] = hi;
    }

    long lo(int reg) {
        return s.xmm[2 * reg];
    }

    long hi(int reg) {
        return s.xmm[2 * reg + 1];
    }

    /** Sets dwords 0-3 of an XMM register. */
    void dwords(int reg, int d0, int d1, int d2, int d3) {
        xmm(reg, (d0 & 0xFFFF_FFFFL) | (long) d1 << 32, (d2 & 0xFFFF_FFFFL) | (long) d3 << 32);
    }

    int dword(int reg, int i) {
        return (int) (s.xmm[2 * reg + i / 2] >>> (32 * (i & 1)));
    }

    void writeMem64(long pa, long v) {
        cpu.memory.write64(pa, v);
    }

    long readMem64(long pa) {
        return cpu.memory.read64(pa);
    }

    /** The MXCSR exception flags (bits 5:0). */
    int flags() {
        return s.mxcsr & Mxcsr.FLAGS;
    }

    // ---- instruction builders ----

    /**
     * Operations that also have MMX forms get the 66 prefix of their SSE encoding (the executor
     * tells the forms apart by it); {@link #mmx} builds the unprefixed MMX form.
     */
    private static Instruction make(Op op, int prefixes, int opSize, int k0, int r0, int k1, int r1, int k2, int r2,
                                    long disp, long imm) {
        if (MmxExecutor.hasMmxForm(op)) {
            prefixes |= Instruction.P_OPSIZE;
        }
        return raw(op, prefixes, opSize, k0, r0, k1, r1, k2, r2, disp, imm);
    }

    private static Instruction raw(Op op, int prefixes, int opSize, int k0, int r0, int k1, int r1, int k2, int r2,
                                   long disp, long imm) {
        return new Instruction(op, 4, prefixes, opSize, opSize, 8, 0, k0, r0, k1, r1, k2, r2,
                Instruction.NO_REG, Instruction.NO_REG, 0, disp, -1, imm, 0);
    }

    /** {@code op xmmD, xmmS}. */
    static Instruction xx(Op op, int d, int src) {
        return make(op, 0, 16, Instruction.K_XMM, d, Instruction.K_XMM, src, 0, 0, 0, 0);
    }

    /** {@code op xmmD, [addr]}. */
    static Instruction xm(Op op, int d, long addr) {
        return make(op, 0, 16, Instruction.K_XMM, d, Instruction.K_MEM, 0, 0, 0, addr, 0);
    }

    /** {@code op [addr], xmmS}. */
    static Instruction mx(Op op, long addr, int src) {
        return make(op, 0, 16, Instruction.K_MEM, 0, Instruction.K_XMM, src, 0, 0, addr, 0);
    }

    /** {@code op [addr]} (LDMXCSR, FXSAVE, ...), with REX.W when {@code rexW}. */
    static Instruction m(Op op, long addr, boolean rexW) {
        return make(op, rexW ? Instruction.P_REX | Instruction.P_REXW : 0, 16, Instruction.K_MEM, 0, 0, 0, 0, 0,
                addr, 0);
    }

    /** {@code op xmmD, xmmS, imm8}. */
    static Instruction xxi(Op op, int d, int src, int imm) {
        return make(op, 0, 16, Instruction.K_XMM, d, Instruction.K_XMM, src, Instruction.K_IMM, 0, 0, imm);
    }

    /** {@code op xmmD, imm8} (shift groups). */
    static Instruction xi(Op op, int d, int imm) {
        return make(op, 0, 16, Instruction.K_XMM, d, Instruction.K_IMM, 0, 0, 0, 0, imm);
    }

    /** {@code op gpr, xmm} with a {@code size}-byte general register (4 or 8). */
    static Instruction gx(Op op, int size, int gpr, int x) {
        return make(op, size == 8 ? Instruction.P_REX | Instruction.P_REXW : 0, size, Instruction.K_GPR, gpr,
                Instruction.K_XMM, x, 0, 0, 0, 0);
    }

    /** {@code op gpr, xmm, imm8}. */
    static Instruction gxi(Op op, int gpr, int x, int imm) {
        return make(op, 0, 4, Instruction.K_GPR, gpr, Instruction.K_XMM, x, Instruction.K_IMM, 0, 0, imm);
    }

    /** {@code op xmm, gpr} with a {@code size}-byte general register. */
    static Instruction xg(Op op, int size, int x, int gpr) {
        return make(op, size == 8 ? Instruction.P_REX | Instruction.P_REXW : 0, size, Instruction.K_XMM, x,
                Instruction.K_GPR, gpr, 0, 0, 0, 0);
    }

    /** {@code op xmm, gpr, imm8} (PINSRW). */
    static Instruction xgi(Op op, int x, int gpr, int imm) {
        return make(op, 0, 4, Instruction.K_XMM, x, Instruction.K_GPR, gpr, Instruction.K_IMM, 0, 0, imm);
    }

    /** The MMX (unprefixed) form: operand kinds as the decoder gives them, XMM kinds naming MM registers. */
    static Instruction mmx(Op op, int opSize, int k0, int r0, int k1, int r1, long disp, long imm) {
        int k2 = op == Op.PSHUFW || op == Op.PINSRW || op == Op.PEXTRW ? Instruction.K_IMM : 0;
        return raw(op, opSize == 8 ? Instruction.P_REX | Instruction.P_REXW : 0, opSize, k0, r0, k1, r1, k2, 0, disp,
                imm);
    }

}
