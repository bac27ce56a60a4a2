package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.memory.PhysicalMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * String instructions MOVS, STOS, LODS, CMPS, SCAS with REP/REPE/REPNE (SDM Vol.1 7.3.9; Vol.2
 * REP/REPE/REPNE). The source is [rSI] in DS (or an FS/GS override), the destination [rDI] in
 * ES; the address size (67 prefix) picks RSI/RDI/RCX or their 32-bit halves; DF picks the
 * direction. Registers are updated element by element, so a fault leaves them where the SDM says
 * and the instruction restarts there. A REP does a bounded amount of work per execution
 * ({@link #MAX_ELEMENTS} elements or {@link #MAX_BULK_BYTES} bytes) and, if RCX is not yet 0,
 * leaves RIP on itself so that it resumes next (SDM Vol.2 REP: interruptible, re-executed); the
 * block builder ends blocks after REP string instructions for that reason.
 *
 * <p>Fast path: REP MOVS and REP STOS with DF clear copy or fill whole page-bounded chunks with
 * one bulk memory operation when both sides are plain memory (RAM or a mapped segment such as
 * the framebuffer), the destination page holds no cached code and a forward copy could not
 * read bytes it has just written.
 */
final class Strings {

    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Elements one execution of a REP string instruction handles on the element path. */
    static final int MAX_ELEMENTS = 4096;
    /** Bytes one execution of REP MOVS/STOS handles on the bulk path. */
    static final long MAX_BULK_BYTES = 256 * 1024;

    private Strings() {
    }

    /** True if {@code insn} is a string instruction with a REP prefix (it may re-execute itself). */
    static boolean isRepeated(Instruction insn) {
        return (insn.prefixes & (Instruction.P_REP | Instruction.P_REPNE)) != 0
                && switch (insn.op) {
                    case MOVS, STOS, LODS, CMPS, SCAS -> true;
                    default -> false;
                };
    }

    private static void resumeLater(CpuState s, Instruction insn) {
        s.rip -= insn.length;
    }

    static void execute(Cpu cpu, Instruction insn) {
        boolean rep = (insn.prefixes & (Instruction.P_REP | Instruction.P_REPNE)) != 0;
        if (!rep) {
            once(cpu, insn);
            return;
        }
        CpuState s = cpu.state;
        int asz = insn.addrSize;
        Op op = insn.op;
        if ((op == Op.MOVS || op == Op.STOS) && (s.rflagsControl & CpuState.DF) == 0) {
            bulk(cpu, insn);
            return;
        }
        // F3 = REPE, F2 = REPNE for CMPS/SCAS; the decoder keeps no order, so F3 wins when both appear
        boolean repne = (insn.prefixes & Instruction.P_REP) == 0;
        boolean compares = op == Op.CMPS || op == Op.SCAS;
        long count = Operands.readGpr(s, CpuState.RCX, asz);
        for (int done = 0; count != 0; done++) {
            if (done == MAX_ELEMENTS) {
                resumeLater(s, insn);
                return;
            }
            once(cpu, insn);
            count = (count - 1) & Flags.mask(asz);
            Operands.writeGpr(s, CpuState.RCX, asz, count);
            if (compares && Flags.zf(s) == repne) {
                break; // REPE stops on ZF = 0, REPNE on ZF = 1
            }
        }
    }

    private static long sourceAddress(CpuState s, Instruction insn) {
        long a = Operands.readGpr(s, CpuState.RSI, insn.addrSize);
        if (insn.segment >= CpuState.FS) {
            a += s.segBase[insn.segment];
        }
        return a;
    }

    private static long destinationAddress(CpuState s, Instruction insn) {
        return Operands.readGpr(s, CpuState.RDI, insn.addrSize); // ES: base 0 in 64-bit mode, no override
    }

    private static void advance(CpuState s, int reg, int asz, long delta) {
        Operands.writeGpr(s, reg, asz, s.gpr[reg] + delta);
    }

    /** One element; registers advance only after its memory accesses succeeded. */
    private static void once(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        int asz = insn.addrSize;
        long delta = (s.rflagsControl & CpuState.DF) != 0 ? -size : size;
        switch (insn.op) {
            case MOVS -> {
                long v = Operands.readMem(cpu, sourceAddress(s, insn), size);
                Operands.writeMem(cpu, destinationAddress(s, insn), size, v);
                advance(s, CpuState.RSI, asz, delta);
                advance(s, CpuState.RDI, asz, delta);
            }
            case STOS -> {
                Operands.writeMem(cpu, destinationAddress(s, insn), size, s.gpr[CpuState.RAX]);
                advance(s, CpuState.RDI, asz, delta);
            }
            case LODS -> {
                long v = Operands.readMem(cpu, sourceAddress(s, insn), size);
                Operands.writeGpr(s, CpuState.RAX, size, v);
                advance(s, CpuState.RSI, asz, delta);
            }
            case CMPS -> {
                long a = Operands.readMem(cpu, sourceAddress(s, insn), size);
                long b = Operands.readMem(cpu, destinationAddress(s, insn), size);
                compare(s, size, a, b);
                advance(s, CpuState.RSI, asz, delta);
                advance(s, CpuState.RDI, asz, delta);
            }
            default -> { // SCAS
                long b = Operands.readMem(cpu, destinationAddress(s, insn), size);
                compare(s, size, Operands.readGpr(s, CpuState.RAX, size), b);
                advance(s, CpuState.RDI, asz, delta);
            }
        }
    }

    private static void compare(CpuState s, int size, long a, long b) {
        s.lazyOp = Flags.SUB;
        s.lazySize = size;
        s.lazyDst = a;
        s.lazySrc = b;
        s.lazyResult = (a - b) & Flags.mask(size);
    }

    /** REP MOVS / REP STOS with DF = 0, page-bounded chunk by chunk. */
    private static void bulk(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        PhysicalMemory memory = cpu.memory;
        Mmu mmu = cpu.mmu;
        int size = insn.opSize;
        int asz = insn.addrSize;
        boolean movs = insn.op == Op.MOVS;
        long count = Operands.readGpr(s, CpuState.RCX, asz);
        long budget = MAX_BULK_BYTES;
        int elements = 0;
        while (count != 0) {
            if (budget <= 0 || elements >= MAX_ELEMENTS) {
                resumeLater(s, insn);
                return;
            }
            long dst = destinationAddress(s, insn);
            long room = PhysicalMemory.PAGE_SIZE - (dst & (PhysicalMemory.PAGE_SIZE - 1));
            long src = 0;
            if (movs) {
                src = sourceAddress(s, insn);
                room = Math.min(room, PhysicalMemory.PAGE_SIZE - (src & (PhysicalMemory.PAGE_SIZE - 1)));
            }
            long n = Math.min(count, room / size);
            if (asz == 4) {
                // keep 32-bit register wrap-around on the element path
                n = Math.min(n, Math.min((0x1_0000_0000L - (s.gpr[CpuState.RDI] & 0xFFFF_FFFFL)) / size,
                        movs ? (0x1_0000_0000L - (s.gpr[CpuState.RSI] & 0xFFFF_FFFFL)) / size : Long.MAX_VALUE));
            }
            if (n <= 1 || !bulkChunk(cpu, insn, movs, src, dst, (int) n, memory, mmu)) {
                once(cpu, insn);
                count = (count - 1) & Flags.mask(asz);
                Operands.writeGpr(s, CpuState.RCX, asz, count);
                elements++;
                continue;
            }
            long bytes = n * size;
            budget -= bytes;
            if (movs) {
                advance(s, CpuState.RSI, asz, bytes);
            }
            advance(s, CpuState.RDI, asz, bytes);
            count -= n;
            Operands.writeGpr(s, CpuState.RCX, asz, count);
        }
    }

    /** Moves or fills {@code n} elements in one go; false if this chunk needs the element path. */
    private static boolean bulkChunk(Cpu cpu, Instruction insn, boolean movs, long src, long dst, int n,
                                     PhysicalMemory memory, Mmu mmu) {
        int size = insn.opSize;
        long bytes = (long) n * size;
        long srcPa = movs ? mmu.translate(src, Mmu.READ) : 0;
        long dstPa = mmu.translate(dst, Mmu.WRITE);
        if (memory.isCodePage(dstPa >>> PhysicalMemory.PAGE_SHIFT)) {
            return false;
        }
        MemorySegment d = memory.directView(dstPa, bytes);
        if (d == null) {
            return false;
        }
        if (movs) {
            if (dstPa > srcPa && dstPa < srcPa + bytes) {
                return false; // a forward copy would re-read what it wrote (SDM: REP MOVS is element by element)
            }
            MemorySegment sv = memory.directView(srcPa, bytes);
            if (sv == null) {
                return false;
            }
            MemorySegment.copy(sv, 0, d, 0, bytes);
            return true;
        }
        long v = cpu.state.gpr[CpuState.RAX];
        switch (size) {
            case 1 -> d.fill((byte) v);
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    d.set(LE16, (long) i << 1, (short) v);
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    d.set(LE32, (long) i << 2, (int) v);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    d.set(LE64, (long) i << 3, v);
                }
            }
        }
        return true;
    }
}
