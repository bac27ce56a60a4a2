package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.memory.PhysicalMemory;

/**
 * The data accesses of compiled units: the software-TLB hit test and physical access, and on a
 * miss (or a page-crossing access) the {@link Mmu} call, which may fault. Units call these
 * rather than carrying the test in their own bytecode because HotSpot inlines them with one
 * branch profile shared by every unit: a unit whose own profile had never seen a miss would
 * compile its miss path as an uncommon trap, then be deoptimised and recompiled (a costly
 * C2 compile of a large method) at its first miss after a flush or on a new page.
 *
 * <p>{@code tags}/{@code pages} are the access kind's TLB arrays and {@code ukey} the user bit
 * of the key, as in {@link Mmu}'s own fast paths; {@code rip} and {@code retired} are stored in
 * the context only on the slow path, just before the call that may fault, so the unit's fault
 * handler reports the faulting instruction.
 */
public final class JitMemory {

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

    public static int read8(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 1);
        if (idx >= 0) {
            return mem.read8(physical(pages, idx, ea));
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read8(ea);
    }

    public static int read16(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 2);
        if (idx >= 0) {
            return mem.read16(physical(pages, idx, ea));
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read16(ea);
    }

    public static int read32(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 4);
        if (idx >= 0) {
            return mem.read32(physical(pages, idx, ea));
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read32(ea);
    }

    public static long read64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            return mem.read64(physical(pages, idx, ea));
        }
        enterSlowPath(c, rip, retired);
        return c.mmu.read64(ea);
    }

    public static void write8(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            int value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 1);
        if (idx >= 0) {
            mem.write8(physical(pages, idx, ea), value);
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write8(ea, value);
    }

    public static void write16(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            int value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 2);
        if (idx >= 0) {
            mem.write16(physical(pages, idx, ea), value);
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write16(ea, value);
    }

    public static void write32(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            int value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 4);
        if (idx >= 0) {
            mem.write32(physical(pages, idx, ea), value);
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write32(ea, value);
    }

    public static void write64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            mem.write64(physical(pages, idx, ea), value);
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.write64(ea, value);
    }

    /** A stack read (PUSH/POP/CALL/RET): a non-canonical stack address is #SS(0), not #GP (SDM Vol.3 6.15). */
    public static long stackRead64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            return mem.read64(physical(pages, idx, ea));
        }
        enterSlowPath(c, rip, retired);
        if (!Mmu.isCanonical(ea)) {
            throw CpuFault.ss(0);
        }
        return c.mmu.read64(ea);
    }

    /** A stack write: as {@link #stackRead64}. */
    public static void stackWrite64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long value, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 8);
        if (idx >= 0) {
            mem.write64(physical(pages, idx, ea), value);
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
    public static void write128(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long lo, long hi, long rip, int retired) {
        int idx = Mmu.tlbHit(tags, ea, ukey, 16);
        if (idx >= 0) {
            long pa = physical(pages, idx, ea);
            mem.write64(pa, lo);
            mem.write64(pa + 8, hi);
            return;
        }
        enterSlowPath(c, rip, retired);
        c.mmu.probeWrite(ea, 16);
        c.mmu.write64(ea, lo);
        c.mmu.write64(ea + 8, hi);
    }
}
