package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * Data movement (SDM Vol.1 7.3.1; Vol.2 MOV, MOVZX, MOVSX, MOVSXD, LEA, XCHG, CMPXCHG,
 * CMPXCHG8B/16B, XADD, CMOVcc, SETcc, CBW/CWDE/CDQE, CWD/CDQ/CQO, XLAT, MOVBE). One vCPU runs
 * at a time, so locked read-modify-write operations are atomic by construction.
 */
final class Moves {

    private Moves() {
    }

    static void mov(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        Operands.write(cpu, insn, 0, size, Operands.read(cpu, insn, 1, size));
    }

    static void movzx(Cpu cpu, Instruction insn) {
        Operands.writeGpr(cpu.state, insn.reg0, insn.opSize, Operands.read(cpu, insn, 1, insn.srcSize));
    }

    static void movsx(Cpu cpu, Instruction insn) {
        long v = Alu.signExtend(Operands.read(cpu, insn, 1, insn.srcSize), insn.srcSize);
        Operands.writeGpr(cpu.state, insn.reg0, insn.opSize, v);
    }

    /** LEA: the offset only, without any segment base, truncated to the address and operand size. */
    static void lea(Cpu cpu, Instruction insn) {
        Operands.writeGpr(cpu.state, insn.reg0, insn.opSize, Operands.offset(cpu.state, insn));
    }

    static void xchg(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long b = Operands.readGpr(s, insn.reg1, size);
        if (insn.kind0 == Instruction.K_MEM) {
            long ea = Operands.effectiveAddress(cpu, insn);
            long a = Operands.readMem(cpu, ea, size);
            Operands.writeMem(cpu, ea, size, b);
            Operands.writeGpr(s, insn.reg1, size, a);
        } else {
            long a = Operands.readGpr(s, insn.reg0, size);
            Operands.writeGpr(s, insn.reg0, size, b);
            Operands.writeGpr(s, insn.reg1, size, a);
        }
    }

    /** CMPXCHG: compare rAX with operand 0; equal stores operand 1, else loads rAX (SDM Vol.2 CMPXCHG). */
    static void cmpxchg(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long acc = Operands.readGpr(s, CpuState.RAX, size);
        long src = Operands.readGpr(s, insn.reg1, size);
        boolean mem = insn.kind0 == Instruction.K_MEM;
        long ea = mem ? Operands.effectiveAddress(cpu, insn) : 0;
        long dst = mem ? Operands.readMem(cpu, ea, size) : Operands.readGpr(s, insn.reg0, size);
        boolean equal = acc == dst;
        if (mem) {
            Operands.writeMem(cpu, ea, size, equal ? src : dst); // the locked cycle always writes
        } else if (equal) {
            Operands.writeGpr(s, insn.reg0, size, src);
        }
        if (!equal) {
            Operands.writeGpr(s, CpuState.RAX, size, dst);
        }
        s.lazyOp = Flags.SUB;
        s.lazySize = size;
        s.lazyDst = acc;
        s.lazySrc = dst;
        s.lazyResult = (acc - dst) & Flags.mask(size);
    }

    /** CMPXCHG8B m64 and CMPXCHG16B m128 (16-byte aligned, else #GP(0)); only ZF changes. */
    static void cmpxchgWide(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        long[] g = s.gpr;
        boolean equal;
        if (insn.op == Op.CMPXCHG16B) {
            if ((ea & 15) != 0) {
                throw CpuFault.gp(0);
            }
            cpu.mmu.probeWrite(ea, 16);
            long lo = cpu.mmu.read64(ea), hi = cpu.mmu.read64(ea + 8);
            equal = lo == g[CpuState.RAX] && hi == g[CpuState.RDX];
            if (equal) {
                cpu.mmu.write64(ea, g[CpuState.RBX]);
                cpu.mmu.write64(ea + 8, g[CpuState.RCX]);
            } else {
                cpu.mmu.write64(ea, lo);
                cpu.mmu.write64(ea + 8, hi);
                g[CpuState.RAX] = lo;
                g[CpuState.RDX] = hi;
            }
        } else {
            long v = cpu.mmu.read64(ea);
            long expected = (g[CpuState.RDX] << 32) | (g[CpuState.RAX] & 0xFFFF_FFFFL);
            equal = v == expected;
            if (equal) {
                cpu.mmu.write64(ea, (g[CpuState.RCX] << 32) | (g[CpuState.RBX] & 0xFFFF_FFFFL));
            } else {
                cpu.mmu.write64(ea, v);
                g[CpuState.RAX] = v & 0xFFFF_FFFFL;
                g[CpuState.RDX] = v >>> 32;
            }
        }
        Flags.update(s, CpuState.ZF, equal ? CpuState.ZF : 0);
    }

    /** XADD: TEMP = SRC + DEST; SRC = DEST; DEST = TEMP (the destination wins if both are one register). */
    static void xadd(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long src = Operands.readGpr(s, insn.reg1, size);
        long mask = Flags.mask(size);
        long dst;
        long sum;
        if (insn.kind0 == Instruction.K_MEM) {
            long ea = Operands.effectiveAddress(cpu, insn);
            dst = Operands.readMem(cpu, ea, size);
            sum = (dst + src) & mask;
            Operands.writeMem(cpu, ea, size, sum);
            Operands.writeGpr(s, insn.reg1, size, dst);
        } else {
            dst = Operands.readGpr(s, insn.reg0, size);
            sum = (dst + src) & mask;
            Operands.writeGpr(s, insn.reg1, size, dst);
            Operands.writeGpr(s, insn.reg0, size, sum);
        }
        s.lazyOp = Flags.ADD;
        s.lazySize = size;
        s.lazyDst = dst;
        s.lazySrc = src;
        s.lazyResult = sum;
    }

    /** CMOVcc: the source is read (and may fault) either way; a 32-bit destination is zero-extended even if not moved. */
    static void cmov(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long v = Operands.read(cpu, insn, 1, size);
        if (Flags.condition(s, insn.condition)) {
            Operands.writeGpr(s, insn.reg0, size, v);
        } else if (size == 4) {
            s.gpr[insn.reg0] &= 0xFFFF_FFFFL;
        }
    }

    static void setcc(Cpu cpu, Instruction insn) {
        Operands.write(cpu, insn, 0, 1, Flags.condition(cpu.state, insn.condition) ? 1 : 0);
    }

    /** CBW/CWDE/CDQE: sign-extend the lower half of rAX into rAX. */
    static void cbw(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        int half = size >>> 1;
        Operands.writeGpr(s, CpuState.RAX, size, Alu.signExtend(Operands.readGpr(s, CpuState.RAX, half), half));
    }

    /** CWD/CDQ/CQO: fill rDX with the sign of rAX. */
    static void cwd(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long sign = (s.gpr[CpuState.RAX] & Flags.signBit(size)) != 0 ? -1L : 0;
        Operands.writeGpr(s, CpuState.RDX, size, sign);
    }

    /** XLAT: AL = [rBX + AL] (segment DS unless overridden). */
    static void xlat(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = s.gpr[CpuState.RBX] + (s.gpr[CpuState.RAX] & 0xFF);
        if (insn.addrSize == 4) {
            ea &= 0xFFFF_FFFFL;
        }
        if (insn.segment >= CpuState.FS) {
            ea += s.segBase[insn.segment];
        }
        Operands.writeGpr(s, CpuState.RAX, 1, cpu.mmu.read8(ea));
    }

    /** MOVBE: a load or store with the bytes reversed. */
    static void movbe(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long v = Operands.read(cpu, insn, 1, size);
        long swapped = switch (size) {
            case 2 -> Short.reverseBytes((short) v) & 0xFFFFL;
            case 4 -> Integer.reverseBytes((int) v) & 0xFFFF_FFFFL;
            default -> Long.reverseBytes(v);
        };
        Operands.write(cpu, insn, 0, size, swapped);
    }
}
