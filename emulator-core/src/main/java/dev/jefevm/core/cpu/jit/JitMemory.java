package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.mmu.Mmu;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The data accesses of compiled units: the software-TLB hit test and, for a page of RAM below
 * the hole ({@code lowRam}), the access straight into the RAM segment (a store only where the
 * page holds no translated code); anything else on a hit (MMIO, high RAM, a code page) goes to
 * {@code PhysicalMemory}, and a miss (or a page-crossing access) to the {@link Mmu}, which may
 * fault. Units call these rather than carrying the test in their own bytecode because HotSpot
 * inlines them with one branch profile shared by every unit: a unit whose own profile had
 * never seen a miss would compile its miss path as an uncommon trap, then be deoptimised and
 * recompiled (a costly C2 compile of a large method) at its first miss after a flush or on a
 * new page. The unit passes its class constants (context, TLB arrays, RAM, code-page map), so
 * once inlined the test runs on constant array addresses and no register holds them.
 *
 * <p>{@code tags}/{@code pages} are the access kind's TLB arrays and {@code ukey} the user bit
 * of the key, as in {@link Mmu}'s own fast paths; {@code rip} and {@code retired} are stored in
 * the context only on the slow path, just before the call that may fault, so the unit's fault
 * handler reports the faulting instruction.
 */
public final class JitMemory {


    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private JitMemory() {
    }

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
            return pa < lowRam ? ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFF : c.memory.read8(pa);
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read8(ea);
    }

    public static int read16(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 2);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ram.get(LE16, pa) & 0xFFFF : c.memory.read16(pa);
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read16(ea);
    }

    public static int read32(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 4);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ram.get(LE32, pa) : c.memory.read32(pa);
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read32(ea);
    }

    public static long read64(JitContext c, long[] tags, long[] pages, MemorySegment ram, long lowRam, long ea,
            long ukey, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            return pa < lowRam ? ram.get(LE64, pa) : c.memory.read64(pa);
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
                ram.set(ValueLayout.JAVA_BYTE, pa, (byte) value);
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
                ram.set(LE16, pa, (short) value);
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
                ram.set(LE32, pa, value);
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
                ram.set(LE64, pa, value);
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
            return pa < lowRam ? ram.get(LE64, pa) : c.memory.read64(pa);
        }
        enterSlowPath(c, rip, retired);
        if (!Mmu.isCanonical(ea)) {
            throw CpuFault.ss(0);
        }
        return c.mmu.read64(ea);
    }

    /** A stack write: as {@link #stackRead64}. */
    public static void stackWrite64(JitContext c, long[] tags, long[] pages, MemorySegment ram, byte[] codePages,
            long lowRam, long ea, long ukey, long value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            if (direct(codePages, lowRam, pa)) {
                ram.set(LE64, pa, value);
            } else {
                c.memory.write64(pa, value);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        if (!Mmu.isCanonical(ea)) {
            throw CpuFault.ss(0);
        }
        c.mmu.write64(ea, value);
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
                ram.set(LE64, pa, lo);
                ram.set(LE64, pa + 8, hi);
            } else {
                c.memory.write64(pa, lo);
                c.memory.write64(pa + 8, hi);
            }
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.probeWrite(ea, 16);
        c.mmu.write64(ea, lo);
        c.mmu.write64(ea + 8, hi);
    }
}
