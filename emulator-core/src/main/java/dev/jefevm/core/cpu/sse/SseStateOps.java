package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * LDMXCSR, STMXCSR, FXSAVE and FXRSTOR (SDM Vol.2; the 512-byte image of SDM Vol.1 10.5.1,
 * Tables 10-2 and 10-3). With REX.W the image holds the 64-bit x87 instruction and data pointers
 * (FXSAVE64); without it, their low 32 bits followed by the selectors FCS and FDS, which this CPU
 * does not track and saves as zero (as processors with CPUID "FPU CS and DS deprecated" do).
 * The x87 registers are stored as ST(0)..ST(7), that is by stack position from TOP. Bytes
 * 416-511 are left alone. Both instructions check the whole area before changing anything.
 */
final class SseStateOps {

    static final int IMAGE_SIZE = 512;
    static final int OFF_MXCSR = 24, OFF_MXCSR_MASK = 28, OFF_ST = 32, OFF_XMM = 160;

    private SseStateOps() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        switch (insn.op) {
            case LDMXCSR -> {
                int v = cpu.mmu.read32(Operands.effectiveAddress(cpu, insn));
                if (Mxcsr.hasReservedBits(v)) {
                    throw CpuFault.gp(0);
                }
                s.mxcsr = v;
            }
            case STMXCSR -> cpu.mmu.write32(Operands.effectiveAddress(cpu, insn), s.mxcsr);
            case FXSAVE -> save(cpu, XmmOperands.address(cpu, insn, true), insn.has(Instruction.P_REXW));
            default -> restore(cpu, XmmOperands.address(cpu, insn, true), insn.has(Instruction.P_REXW));
        }
    }

    private static int top(CpuState s) {
        return (s.fpuStatus >>> 11) & 7;
    }

    static void save(Cpu cpu, long ea, boolean rexW) {
        CpuState s = cpu.state;
        Mmu m = cpu.mmu;
        m.probeWrite(ea, IMAGE_SIZE);
        m.write16(ea, s.fpuControl);
        m.write16(ea + 2, s.fpuStatus);
        m.write16(ea + 4, s.fpuTagWord & 0xFF); // abridged tag, then a reserved byte
        m.write16(ea + 6, s.fpuOpcode & 0x7FF);
        if (rexW) {
            m.write64(ea + 8, s.fpuIp);
            m.write64(ea + 16, s.fpuDp);
        } else {
            // SDM Vol.1 10.5.1 table 10-2: FIP[31:0] with FCS above it, FDP[31:0] with FDS above it
            m.write64(ea + 8, (s.fpuIp & 0xFFFF_FFFFL) | (long) (s.fpuCs & 0xFFFF) << 32);
            m.write64(ea + 16, (s.fpuDp & 0xFFFF_FFFFL) | (long) (s.fpuDs & 0xFFFF) << 32);
        }
        m.write32(ea + OFF_MXCSR, s.mxcsr);
        m.write32(ea + OFF_MXCSR_MASK, Mxcsr.SUPPORTED);
        int top = top(s);
        for (int i = 0; i < 8; i++) {
            int phys = (top + i) & 7;
            m.write64(ea + OFF_ST + 16 * i, s.fpuMantissa[phys]);
            m.write64(ea + OFF_ST + 16 * i + 8, s.fpuExponent[phys] & 0xFFFF);
        }
        for (int i = 0; i < 32; i++) {
            m.write64(ea + OFF_XMM + 8 * i, s.xmm[i]);
        }
    }

    static void restore(Cpu cpu, long ea, boolean rexW) {
        CpuState s = cpu.state;
        Mmu m = cpu.mmu;
        m.read8(ea); // both pages of the image must be readable before anything changes
        m.read8(ea + IMAGE_SIZE - 1);
        int mxcsr = m.read32(ea + OFF_MXCSR);
        if (Mxcsr.hasReservedBits(mxcsr)) {
            throw CpuFault.gp(0);
        }
        s.mxcsr = mxcsr;
        s.fpuControl = m.read16(ea) & 0xFFFF;
        s.fpuStatus = m.read16(ea + 2) & 0xFFFF;
        s.fpuTagWord = m.read8(ea + 4) & 0xFF;
        s.fpuOpcode = m.read16(ea + 6) & 0x7FF;
        long ip = m.read64(ea + 8);
        long dp = m.read64(ea + 16);
        s.fpuIp = rexW ? ip : ip & 0xFFFF_FFFFL;
        s.fpuDp = rexW ? dp : dp & 0xFFFF_FFFFL;
        // the 64-bit image has no room for the selectors: FXRSTOR64 leaves them zero
        s.fpuCs = rexW ? 0 : (int) (ip >>> 32) & 0xFFFF;
        s.fpuDs = rexW ? 0 : (int) (dp >>> 32) & 0xFFFF;
        int top = top(s);
        for (int i = 0; i < 8; i++) {
            int phys = (top + i) & 7;
            s.fpuMantissa[phys] = m.read64(ea + OFF_ST + 16 * i);
            s.fpuExponent[phys] = m.read16(ea + OFF_ST + 16 * i + 8) & 0xFFFF;
        }
        for (int i = 0; i < 32; i++) {
            s.xmm[i] = m.read64(ea + OFF_XMM + 8 * i);
        }
    }
}
