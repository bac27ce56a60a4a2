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

    public static int read8(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey)) {
            return mem.read8(pages[idx] | (ea & 0xFFF));
        }
        c.faultRip = rip;
        c.retired = retired;
        return c.mmu.read8(ea);
    }

    public static int read16(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFFE) {
            return mem.read16(pages[idx] | (ea & 0xFFF));
        }
        c.faultRip = rip;
        c.retired = retired;
        return c.mmu.read16(ea);
    }

    public static int read32(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFFC) {
            return mem.read32(pages[idx] | (ea & 0xFFF));
        }
        c.faultRip = rip;
        c.retired = retired;
        return c.mmu.read32(ea);
    }

    public static long read64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFF8) {
            return mem.read64(pages[idx] | (ea & 0xFFF));
        }
        c.faultRip = rip;
        c.retired = retired;
        return c.mmu.read64(ea);
    }

    public static void write8(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            int value, long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey)) {
            mem.write8(pages[idx] | (ea & 0xFFF), value);
            return;
        }
        c.faultRip = rip;
        c.retired = retired;
        c.mmu.write8(ea, value);
    }

    public static void write16(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            int value, long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFFE) {
            mem.write16(pages[idx] | (ea & 0xFFF), value);
            return;
        }
        c.faultRip = rip;
        c.retired = retired;
        c.mmu.write16(ea, value);
    }

    public static void write32(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            int value, long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFFC) {
            mem.write32(pages[idx] | (ea & 0xFFF), value);
            return;
        }
        c.faultRip = rip;
        c.retired = retired;
        c.mmu.write32(ea, value);
    }

    public static void write64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long value, long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFF8) {
            mem.write64(pages[idx] | (ea & 0xFFF), value);
            return;
        }
        c.faultRip = rip;
        c.retired = retired;
        c.mmu.write64(ea, value);
    }

    /** A stack read (PUSH/POP/CALL/RET): a non-canonical stack address is #SS(0), not #GP (SDM Vol.3 6.15). */
    public static long stackRead64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFF8) {
            return mem.read64(pages[idx] | (ea & 0xFFF));
        }
        c.faultRip = rip;
        c.retired = retired;
        if (!Mmu.isCanonical(ea)) {
            throw CpuFault.ss(0);
        }
        return c.mmu.read64(ea);
    }

    /** A stack write: as {@link #stackRead64}. */
    public static void stackWrite64(JitContext c, long[] tags, long[] pages, PhysicalMemory mem, long ea, long ukey,
            long value, long rip, int retired) {
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFF8) {
            mem.write64(pages[idx] | (ea & 0xFFF), value);
            return;
        }
        c.faultRip = rip;
        c.retired = retired;
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
        int idx = Mmu.tlbIndex(ea);
        if (tags[idx] == ((ea >>> 12) << 1 | ukey) && (ea & 0xFFF) <= 0xFF0) {
            long pa = pages[idx] | (ea & 0xFFF);
            mem.write64(pa, lo);
            mem.write64(pa + 8, hi);
            return;
        }
        c.faultRip = rip;
        c.retired = retired;
        c.mmu.probeWrite(ea, 16);
        c.mmu.write64(ea, lo);
        c.mmu.write64(ea + 8, hi);
    }
}
