package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * Shifts and rotates (SDM Vol.2 SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD). The count is
 * masked to 5 bits (6 with a 64-bit operand); a masked count of 0 changes neither the operand's
 * flags nor memory. Rotates change only CF and OF.
 *
 * <p>Undefined flags chosen: OF after multi-bit shifts and rotates uses the one-bit formula on
 * the final result (as Intel hardware does); AF is 0 after shifts; SHLD/SHRD set OF when the
 * sign changed. 16-bit SHLD/SHRD with counts above 16 shift through the 32-bit concatenation.
 */
final class Shifts {

    private Shifts() {
    }

    static void shift(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        int bits = size << 3;
        long mask = Flags.mask(size);
        int count = (int) Operands.read(cpu, insn, 1, 1) & (size == 8 ? 63 : 31);
        boolean mem = insn.kind0 == Instruction.K_MEM;
        long ea = mem ? Operands.effectiveAddress(cpu, insn) : 0;
        long dst = mem ? Operands.readMem(cpu, ea, size) : Operands.readGpr(s, insn.reg0, size);
        if (count == 0) {
            if (!mem) {
                Operands.writeGpr(s, insn.reg0, size, dst); // a 32-bit register is still zero-extended
            }
            return;
        }
        long sign = Flags.signBit(size);
        long res;
        long cf;
        long of;
        switch (insn.op) {
            case SHL -> {
                if (size == 8) {
                    res = dst << count;
                    cf = (dst >>> (64 - count)) & 1;
                } else {
                    long wide = dst << count;
                    res = wide & mask;
                    cf = (wide >>> bits) & 1;
                }
                of = ((res & sign) != 0 ? 1 : 0) ^ cf;
            }
            case SHR -> {
                res = dst >>> count;
                cf = (dst >>> (count - 1)) & 1;
                of = (dst & sign) != 0 ? 1 : 0;
            }
            case SAR -> {
                long sx = Alu.signExtend(dst, size);
                res = (sx >> count) & mask;
                cf = (sx >> (count - 1)) & 1;
                of = 0;
            }
            default -> {
                rotate(cpu, insn, s, size, count, mem, ea, dst);
                return;
            }
        }
        write(cpu, s, insn, mem, ea, size, res);
        Flags.result(s, size, res, (cf != 0 ? CpuState.CF : 0) | (of != 0 ? CpuState.OF : 0));
    }

    private static void rotate(Cpu cpu, Instruction insn, CpuState s, int size, int count, boolean mem,
                               long ea, long dst) {
        int bits = size << 3;
        long mask = Flags.mask(size);
        long sign = Flags.signBit(size);
        long res;
        boolean cf;
        boolean of;
        switch (insn.op) {
            case ROL -> {
                int n = count % bits;
                res = n == 0 ? dst : ((dst << n) | (dst >>> (bits - n))) & mask;
                cf = (res & 1) != 0;
                of = ((res & sign) != 0) ^ cf;
            }
            case ROR -> {
                int n = count % bits;
                res = n == 0 ? dst : ((dst >>> n) | (dst << (bits - n))) & mask;
                cf = (res & sign) != 0;
                of = ((res & sign) != 0) ^ ((res & (sign >>> 1)) != 0);
            }
            case RCL -> {
                int n = size < 4 ? count % (bits + 1) : count;
                boolean c = Flags.cf(s);
                res = dst;
                for (int i = 0; i < n; i++) {
                    boolean out = (res & sign) != 0;
                    res = ((res << 1) | (c ? 1 : 0)) & mask;
                    c = out;
                }
                if (n == 0) {
                    write(cpu, s, insn, mem, ea, size, res);
                    return;
                }
                cf = c;
                of = ((res & sign) != 0) ^ cf;
            }
            default -> { // RCR: OF from the operand before rotating (SDM Vol.2 RCR operation)
                int n = size < 4 ? count % (bits + 1) : count;
                boolean c = Flags.cf(s);
                of = ((dst & sign) != 0) ^ c;
                res = dst;
                for (int i = 0; i < n; i++) {
                    boolean out = (res & 1) != 0;
                    res = (res >>> 1) | (c ? sign : 0);
                    c = out;
                }
                if (n == 0) {
                    write(cpu, s, insn, mem, ea, size, res);
                    return;
                }
                cf = c;
            }
        }
        write(cpu, s, insn, mem, ea, size, res);
        Flags.update(s, CpuState.CF | CpuState.OF, (cf ? CpuState.CF : 0) | (of ? CpuState.OF : 0));
    }

    /** SHLD and SHRD: operand 0 shifted with bits from register operand 1, count from operand 2. */
    static void doubleShift(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long mask = Flags.mask(size);
        int count = (int) Operands.read(cpu, insn, 2, 1) & (size == 8 ? 63 : 31);
        boolean mem = insn.kind0 == Instruction.K_MEM;
        long ea = mem ? Operands.effectiveAddress(cpu, insn) : 0;
        long dst = mem ? Operands.readMem(cpu, ea, size) : Operands.readGpr(s, insn.reg0, size);
        long src = Operands.readGpr(s, insn.reg1, size);
        if (count == 0) {
            if (!mem) {
                Operands.writeGpr(s, insn.reg0, size, dst);
            }
            return;
        }
        boolean left = insn.op == Op.SHLD;
        long res;
        long cf;
        if (size == 8) {
            if (left) {
                res = (dst << count) | (src >>> (64 - count));
                cf = (dst >>> (64 - count)) & 1;
            } else {
                res = (dst >>> count) | (src << (64 - count));
                cf = (dst >>> (count - 1)) & 1;
            }
        } else if (size == 4) {
            long wide = left ? (dst << 32) | src : (src << 32) | dst;
            if (left) {
                res = ((wide << count) >>> 32) & mask;
                cf = (wide >>> (64 - count)) & 1;
            } else {
                res = (wide >>> count) & mask;
                cf = (wide >>> (count - 1)) & 1;
            }
        } else { // 16-bit: shift through dst:src:dst so counts 17-31 stay meaningful
            long wide = (dst << 32) | (src << 16) | dst;
            if (left) {
                res = ((wide << count) >>> 32) & mask;
                cf = (wide >>> (48 - count)) & 1;
            } else {
                res = (wide >>> count) & mask;
                cf = (wide >>> (count - 1)) & 1;
            }
        }
        long sign = Flags.signBit(size);
        long of = ((res ^ dst) & sign) != 0 ? CpuState.OF : 0;
        write(cpu, s, insn, mem, ea, size, res);
        Flags.result(s, size, res, (cf != 0 ? CpuState.CF : 0) | of);
    }

    private static void write(Cpu cpu, CpuState s, Instruction insn, boolean mem, long ea, int size, long v) {
        if (mem) {
            Operands.writeMem(cpu, ea, size, v);
        } else {
            Operands.writeGpr(s, insn.reg0, size, v);
        }
    }
}
