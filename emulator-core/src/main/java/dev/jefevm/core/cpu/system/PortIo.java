package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.platform.Platform;

/**
 * IN, OUT, INS and OUTS through {@link Platform#ioRead}/{@link Platform#ioWrite}, with the
 * protected-mode I/O permission check (SDM Vol.1 19.5): when CPL > IOPL every port byte
 * touched must have a clear bit in the TSS I/O permission bitmap, else #GP(0). String forms
 * honour REP (RCX or ECX by address size) and DF; each element updates RSI/RDI/RCX as it
 * completes, so a fault part-way leaves the registers at the element that faulted.
 */
public final class PortIo {

    private static final int TSS_IOMAP_BASE = 102;

    private PortIo() {
    }

    /** IN AL/AX/EAX, imm8 or DX. */
    public static void in(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = ioSize(insn);
        int port = port(s, insn, insn.kind1);
        checkPermission(cpu, port, size);
        int value = cpu.platform.ioRead(port, size);
        Operands.writeGpr(s, CpuState.RAX, size, value & 0xFFFF_FFFFL);
    }

    /** OUT imm8 or DX, AL/AX/EAX. */
    public static void out(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = ioSize(insn);
        int port = port(s, insn, insn.kind0);
        checkPermission(cpu, port, size);
        cpu.platform.ioWrite(port, size, (int) Operands.readGpr(s, CpuState.RAX, size));
    }

    /** INS m8/16/32, DX: to ES:[RDI] (no segment override; ES has base 0 in 64-bit mode). */
    public static void ins(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = ioSize(insn);
        int port = (int) s.gpr[CpuState.RDX] & 0xFFFF;
        checkPermission(cpu, port, size);
        boolean rep = insn.has(Instruction.P_REP) || insn.has(Instruction.P_REPNE);
        long mask = insn.addrSize == 4 ? 0xFFFF_FFFFL : -1L;
        long step = (s.rflagsControl & CpuState.DF) != 0 ? -size : size;
        while (!rep || (s.gpr[CpuState.RCX] & mask) != 0) {
            long rdi = s.gpr[CpuState.RDI];
            long address = rdi & mask;
            cpu.mmu.probeWrite(address, size); // SDM: the memory operand is checked before the port is read
            int value = cpu.platform.ioRead(port, size);
            Operands.writeMem(cpu, address, size, value & 0xFFFF_FFFFL);
            s.gpr[CpuState.RDI] = advance(rdi, step, mask);
            if (!rep) {
                return;
            }
            s.gpr[CpuState.RCX] = advance(s.gpr[CpuState.RCX], -1, mask);
        }
    }

    /** OUTS DX, m8/16/32: from [RSI] in the instruction's segment (FS/GS bases apply). */
    public static void outs(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = ioSize(insn);
        int port = (int) s.gpr[CpuState.RDX] & 0xFFFF;
        checkPermission(cpu, port, size);
        boolean rep = insn.has(Instruction.P_REP) || insn.has(Instruction.P_REPNE);
        long mask = insn.addrSize == 4 ? 0xFFFF_FFFFL : -1L;
        long step = (s.rflagsControl & CpuState.DF) != 0 ? -size : size;
        long segmentBase = insn.segment >= CpuState.FS ? s.segBase[insn.segment] : 0;
        while (!rep || (s.gpr[CpuState.RCX] & mask) != 0) {
            long rsi = s.gpr[CpuState.RSI];
            long value = Operands.readMem(cpu, (rsi & mask) + segmentBase, size);
            cpu.platform.ioWrite(port, size, (int) value);
            s.gpr[CpuState.RSI] = advance(rsi, step, mask);
            if (!rep) {
                return;
            }
            s.gpr[CpuState.RCX] = advance(s.gpr[CpuState.RCX], -1, mask);
        }
    }

    /** Port accesses are 1, 2 or 4 bytes: REX.W does not widen IN, OUT, INS or OUTS beyond 4. */
    private static int ioSize(Instruction insn) {
        return Math.min(insn.opSize, 4);
    }

    private static long advance(long register, long step, long mask) {
        return mask == -1L ? register + step : (register + step) & mask; // a 32-bit address size writes ERSI/EDI/ECX
    }

    private static int port(CpuState s, Instruction insn, int kind) {
        return kind == Instruction.K_IMM ? (int) insn.imm & 0xFF : (int) s.gpr[CpuState.RDX] & 0xFFFF;
    }

    /** SDM Vol.1 19.5.2: at CPL > IOPL each port bit in the TSS bitmap must be clear (and within TR's limit). */
    static void checkPermission(Cpu cpu, int port, int size) {
        CpuState s = cpu.state;
        int iopl = (int) (s.rflagsControl >>> 12) & 3;
        if (s.cpl <= iopl) {
            return;
        }
        long limit = s.trLimit & 0xFFFF_FFFFL;
        if ((s.trSelector & 0xFFFC) == 0 || limit < TSS_IOMAP_BASE + 1) {
            throw CpuFault.gp(0);
        }
        int mapBase = cpu.mmu.readSupervisor16(s.trBase + TSS_IOMAP_BASE);
        long byteOffset = mapBase + (port >>> 3);
        if (byteOffset + 1 > limit) {
            throw CpuFault.gp(0);
        }
        int bits = cpu.mmu.readSupervisor16(s.trBase + byteOffset);
        int wanted = ((1 << size) - 1) << (port & 7);
        if ((bits & wanted) != 0) {
            throw CpuFault.gp(0);
        }
    }
}
