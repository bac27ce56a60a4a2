package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE/SSE2 data movement (SDM Vol.1 10.4.1 and 11.4.1; Vol.2 entries MOVAPS..MASKMOVDQU):
 * full-width moves (aligned or not), scalar MOVSS/MOVSD (the register form keeps the upper bits,
 * the load form zeroes them), half moves MOVLPx/MOVHPx/MOVHLPS/MOVLHPS, MOVD/MOVQ between
 * general registers, memory and XMM (loads zero the rest of the register), non-temporal stores
 * (plain stores here: there is no cache to bypass), the sign-mask extractions and MASKMOVDQU.
 */
final class SseMoves {

    private SseMoves() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long[] x = s.xmm;
        switch (insn.op) {
            case MOVAPS, MOVAPD, MOVDQA -> move128(cpu, insn, true);
            case MOVUPS, MOVUPD, MOVDQU -> move128(cpu, insn, false);
            case MOVNTDQ, MOVNTPS, MOVNTPD -> {
                int r = insn.reg1 << 1;
                XmmOperands.store128(cpu, insn, x[r], x[r + 1], true);
            }
            case MOVSS -> moveScalar(cpu, insn, 4);
            case MOVSD_XMM -> moveScalar(cpu, insn, 8);
            case MOVD, MOVQ -> moveInteger(cpu, insn, insn.op == Op.MOVQ ? 8 : insn.opSize);
            case MOVLPS, MOVLPD -> moveHalf(cpu, insn, 0);
            case MOVHPS, MOVHPD -> moveHalf(cpu, insn, 1);
            case MOVHLPS -> x[insn.reg0 << 1] = x[(insn.reg1 << 1) + 1];
            case MOVLHPS -> x[(insn.reg0 << 1) + 1] = x[insn.reg1 << 1];
            case MOVNTI -> Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), insn.opSize,
                    s.gpr[insn.reg1]);
            case MOVMSKPS -> Operands.writeGpr(s, insn.reg0, 4, signBits(x, insn.reg1, 32));
            case MOVMSKPD -> Operands.writeGpr(s, insn.reg0, 4, signBits(x, insn.reg1, 64));
            case PMOVMSKB -> Operands.writeGpr(s, insn.reg0, 4, signBits(x, insn.reg1, 8));
            default -> maskedStore(cpu, insn); // MASKMOVDQU
        }
    }

    /** MOVAPS-style moves in either direction: {@code xmm <- xmm/m128} or {@code m128 <- xmm}. */
    private static void move128(Cpu cpu, Instruction insn, boolean aligned) {
        long[] x = cpu.state.xmm;
        if (insn.kind0 == Instruction.K_MEM) {
            int r = insn.reg1 << 1;
            XmmOperands.store128(cpu, insn, x[r], x[r + 1], aligned);
            return;
        }
        long lo = XmmOperands.sourceLow(cpu, insn, aligned);
        long hi = XmmOperands.sourceHigh(cpu, insn);
        int d = insn.reg0 << 1;
        x[d] = lo;
        x[d + 1] = hi;
    }

    /** MOVSS ({@code size} 4) / MOVSD ({@code size} 8). */
    private static void moveScalar(Cpu cpu, Instruction insn, int size) {
        long[] x = cpu.state.xmm;
        long mask = size == 4 ? 0xFFFF_FFFFL : -1L;
        if (insn.kind0 == Instruction.K_MEM) {
            Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), size, x[insn.reg1 << 1]);
            return;
        }
        int d = insn.reg0 << 1;
        if (insn.kind1 == Instruction.K_XMM) {
            x[d] = (x[d] & ~mask) | (x[insn.reg1 << 1] & mask);
        } else {
            x[d] = Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), size);
            x[d + 1] = 0;
        }
    }

    /** MOVD/MOVQ: loads into XMM zero-extend to 128 bits; stores take the low {@code size} bytes. */
    private static void moveInteger(Cpu cpu, Instruction insn, int size) {
        CpuState s = cpu.state;
        long[] x = s.xmm;
        if (insn.kind0 == Instruction.K_XMM) {
            long v = switch (insn.kind1) {
                case Instruction.K_XMM -> x[insn.reg1 << 1] & (size == 8 ? -1L : 0xFFFF_FFFFL);
                case Instruction.K_GPR -> Operands.readGpr(s, insn.reg1, size);
                default -> Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), size);
            };
            int d = insn.reg0 << 1;
            x[d] = v;
            x[d + 1] = 0;
        } else if (insn.kind0 == Instruction.K_GPR) {
            Operands.writeGpr(s, insn.reg0, size, x[insn.reg1 << 1]);
        } else {
            Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), size, x[insn.reg1 << 1]);
        }
    }

    /** MOVLPx ({@code half} 0) / MOVHPx ({@code half} 1): one quadword between memory and an XMM half. */
    private static void moveHalf(Cpu cpu, Instruction insn, int half) {
        long[] x = cpu.state.xmm;
        if (insn.kind0 == Instruction.K_MEM) {
            Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), 8, x[(insn.reg1 << 1) + half]);
        } else {
            x[(insn.reg0 << 1) + half] = cpu.mmu.read64(Operands.effectiveAddress(cpu, insn));
        }
    }

    /** The top bit of every {@code width}-bit lane of XMM{@code reg}, lane 0 in bit 0. */
    static int signBits(long[] x, int reg, int width) {
        int lanes = 64 / width;
        int r = 0;
        for (int h = 0; h < 2; h++) {
            long q = x[(reg << 1) + h];
            for (int i = 0; i < lanes; i++) {
                r |= (int) ((q >>> (i * width + width - 1)) & 1) << (h * lanes + i);
            }
        }
        return r;
    }

    /**
     * MASKMOVDQU: stores the bytes of the first operand whose mask byte (second operand) has its top
     * bit set, to DS:rDI (an FS/GS override adds its base). The 16 bytes are probed first so a fault
     * leaves memory as it was.
     */
    private static void maskedStore(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = s.gpr[CpuState.RDI];
        if (insn.addrSize == 4) {
            ea &= 0xFFFF_FFFFL;
        }
        if (insn.segment >= CpuState.FS) {
            ea += s.segBase[insn.segment];
        }
        int src = insn.reg0 << 1;
        int selected = signBits(s.xmm, insn.reg1, 8);
        if (selected == 0) {
            return;
        }
        cpu.mmu.probeWrite(ea, 16);
        for (int i = 0; i < 16; i++) {
            if ((selected & (1 << i)) != 0) {
                cpu.mmu.write8(ea + i, (int) (s.xmm[src + (i >>> 3)] >>> ((i & 7) * 8)));
            }
        }
    }
}
