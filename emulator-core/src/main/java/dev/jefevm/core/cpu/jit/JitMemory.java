package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.mmu.Mmu;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The data accesses of compiled units, in two forms.
 *
 * <p>Outside a loop of the trace a unit makes one call of a whole access ({@code read8} ..
 * {@code write128}): the software-TLB hit test, the access itself (straight into the RAM
 * segment for low RAM, a store only where the page holds no translated code; through
 * {@code PhysicalMemory} for MMIO, high RAM or a code page) and on a miss the {@link Mmu}'s
 * access, which may fault. HotSpot inlines these with one branch profile shared by every unit,
 * and their call sites are compact bytecode, so straight-line units stay small to compile.
 *
 * <p>Inside a loop the unit has the TLB test and the RAM access as its own bytecode (see
 * {@code InstructionEmitter.hitTest}, and {@link #ramGet64} and kin for RAM) and calls only on a
 * miss, one of the {@code slow*} methods here, after storing its registers and flags into
 * {@code CpuState} and before reloading them. Why: an access that stays a call (large units
 * exceed HotSpot's inlining budget) or a call with the loop's registers live across it keeps
 * every guest register of the loop in a stack slot, on the fast path too.
 */
public final class JitMemory {

    private static final ValueLayout.OfByte LE8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private JitMemory() {
    }

    /**
     * All of the address space as one segment of the global scope: the RAM accesses of units go
     * through it at the RAM segment's base address plus the physical address. Measured against
     * the RAM segment's own accessors (an automatic arena's segment, read through an interface
     * call in each unit): 10% less time on the compute benchmark at SCALE 16, 15% on its qsort,
     * as HotSpot compiles these small static methods into units with less work. Safe because
     * every caller has checked that the access lies below {@code lowRam} within one page (a TLB
     * hit), which the RAM segment covers; the RAM stays mapped while its segment is reachable
     * from {@link JitContext#memory}.
     */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    public static int ramGet8(MemorySegment ram, long pa) {
        return ALL.get(LE8, ram.address() + pa) & 0xFF;
    }

    public static int ramGet16(MemorySegment ram, long pa) {
        return ALL.get(LE16, ram.address() + pa) & 0xFFFF;
    }

    public static int ramGet32(MemorySegment ram, long pa) {
        return ALL.get(LE32, ram.address() + pa);
    }

    public static long ramGet64(MemorySegment ram, long pa) {
        return ALL.get(LE64, ram.address() + pa);
    }

    public static void ramSet8(MemorySegment ram, long pa, int v) {
        ALL.set(LE8, ram.address() + pa, (byte) v);
    }

    public static void ramSet16(MemorySegment ram, long pa, int v) {
        ALL.set(LE16, ram.address() + pa, (short) v);
    }

    public static void ramSet32(MemorySegment ram, long pa, int v) {
        ALL.set(LE32, ram.address() + pa, v);
    }

    public static void ramSet64(MemorySegment ram, long pa, long v) {
        ALL.set(LE64, ram.address() + pa, v);
    }

    // ---------------------------------------------------------------- whole accesses (straight-line code)

    /** The slow path's bookkeeping: the instruction that may now fault, and what retired before it. */
    private static void enterSlowPath(JitContext c, long rip, int retired) {
        c.faultRip = rip;
        c.retired = retired;
    }

    private static long physical(long[] pages, int idx, long ea) {
        return pages[idx] | (ea & 0xFFF);
    }

    public static int read8(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 1);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ramGet8(ram, pa) : c.memory.read8(pa);
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read8(ea);
    }

    public static int read16(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 2);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ramGet16(ram, pa) : c.memory.read16(pa);
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read16(ea);
    }

    public static int read32(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 4);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ramGet32(ram, pa) : c.memory.read32(pa);
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read32(ea);
    }

    public static long read64(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ramGet64(ram, pa) : c.memory.read64(pa);
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read64(ea);
    }

    public static void write8(JitContext c, long[] tags, long[] pages, MemorySegment ram, byte[] codePages,
            long lowRam, long ea, long ukey, int value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 1);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            if (direct(codePages, lowRam, pa)) {
                ramSet8(ram, pa, value);
            } else {
                c.memory.write8(pa, value);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write8(ea, value);
    }

    public static void write16(JitContext c, long[] tags, long[] pages, MemorySegment ram, byte[] codePages,
            long lowRam, long ea, long ukey, int value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 2);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            if (direct(codePages, lowRam, pa)) {
                ramSet16(ram, pa, value);
            } else {
                c.memory.write16(pa, value);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write16(ea, value);
    }

    public static void write32(JitContext c, long[] tags, long[] pages, MemorySegment ram, byte[] codePages,
            long lowRam, long ea, long ukey, int value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 4);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            if (direct(codePages, lowRam, pa)) {
                ramSet32(ram, pa, value);
            } else {
                c.memory.write32(pa, value);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write32(ea, value);
    }

    public static void write64(JitContext c, long[] tags, long[] pages, MemorySegment ram, byte[] codePages,
            long lowRam, long ea, long ukey, long value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            if (direct(codePages, lowRam, pa)) {
                ramSet64(ram, pa, value);
            } else {
                c.memory.write64(pa, value);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write64(ea, value);
    }

    /** A store on a TLB hit may go straight into RAM: low RAM, and no translated code on the page. */
    private static boolean direct(byte[] codePages, long lowRam, long pa) {
        return pa < lowRam && codePages[(int) (pa >>> 12)] == 0;
    }

    /** A stack read (PUSH/POP/CALL/RET): a non-canonical stack address is #SS(0), not #GP (SDM Vol.3 6.15). */
    public static long stackRead64(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ramGet64(ram, pa) : c.memory.read64(pa);
        }
        enterSlowPath(c, rip, retired);
        return slowStackRead64(c, ea);
    }

    /** A stack write: as {@link #stackRead64}. */
    public static void stackWrite64(JitContext c, long[] tags, long[] pages, MemorySegment ram, byte[] codePages,
            long lowRam, long ea, long ukey, long value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            if (direct(codePages, lowRam, pa)) {
                ramSet64(ram, pa, value);
            } else {
                c.memory.write64(pa, value);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        slowStackWrite64(c, ea, value);
    }

    /**
     * A 16-byte SSE store, all or nothing: written directly when it lies in one TLB-hit page,
     * else the whole destination is probed first so a fault writes nothing.
     */
    public static void write128(JitContext c, long[] tags, long[] pages, MemorySegment ram, byte[] codePages,
            long lowRam, long ea, long ukey, long lo, long hi, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 16);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            if (direct(codePages, lowRam, pa)) {
                ramSet64(ram, pa, lo);
                ramSet64(ram, pa + 8, hi);
            } else {
                c.memory.write64(pa, lo);
                c.memory.write64(pa + 8, hi);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        slowWrite128(c, ea, lo, hi);
    }

    // ---------------------------------------------------------------- through the MMU (may fault)

    public static int slowRead8(JitContext c, long ea) {
        return c.mmu.read8(ea);
    }

    public static int slowRead16(JitContext c, long ea) {
        return c.mmu.read16(ea);
    }

    public static int slowRead32(JitContext c, long ea) {
        return c.mmu.read32(ea);
    }

    public static long slowRead64(JitContext c, long ea) {
        return c.mmu.read64(ea);
    }

    public static void slowWrite8(JitContext c, long ea, int value) {
        c.mmu.write8(ea, value);
    }

    public static void slowWrite16(JitContext c, long ea, int value) {
        c.mmu.write16(ea, value);
    }

    public static void slowWrite32(JitContext c, long ea, int value) {
        c.mmu.write32(ea, value);
    }

    public static void slowWrite64(JitContext c, long ea, long value) {
        c.mmu.write64(ea, value);
    }

    /** A stack read (PUSH/POP/CALL/RET): a non-canonical stack address is #SS(0), not #GP (SDM Vol.3 6.15). */
    public static long slowStackRead64(JitContext c, long ea) {
        if (!Mmu.isCanonical(ea)) {
            throw CpuFault.ss(0);
        }
        return c.mmu.read64(ea);
    }

    /** A stack write: as {@link #slowStackRead64}. */
    public static void slowStackWrite64(JitContext c, long ea, long value) {
        if (!Mmu.isCanonical(ea)) {
            throw CpuFault.ss(0);
        }
        c.mmu.write64(ea, value);
    }

    /** A 16-byte SSE store, all or nothing: the whole destination is probed first so a fault writes nothing. */
    public static void slowWrite128(JitContext c, long ea, long lo, long hi) {
        c.mmu.probeWrite(ea, 16);
        c.mmu.write64(ea, lo);
        c.mmu.write64(ea + 8, hi);
    }
}
