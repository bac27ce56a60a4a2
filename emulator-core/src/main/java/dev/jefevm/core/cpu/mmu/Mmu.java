package dev.jefevm.core.cpu.mmu;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import java.util.Arrays;

/**
 * Linear-to-physical translation for one logical processor: 4-level paging (SDM Vol.3 4.5)
 * with 4 KiB, 2 MiB and 1 GiB pages, NX, CR0.WP, U/S and reserved-bit checks, Accessed/Dirty
 * updates, canonical checks, and a software TLB. With CR0.PG clear, linear equals physical.
 *
 * <p>The TLB is direct-mapped (slot chosen by {@link #tlbIndex(long)}) and split by access kind
 * (read, write, fetch): an entry is filled only for an access the page walk allowed, keyed by the
 * linear page number and whether the access was a user one, so a hit needs no further
 * permission check. A write entry is filled only after the walk set the Dirty bit, so the first write to a clean page always walks. All
 * data accesses go through {@link PhysicalMemory}'s accessors, whose writes notify the
 * code-write listener for pages that hold decoded code (self-modifying code).
 *
 * <p>Privilege comes from {@code state.cpl} (3 = user). Supervisor accesses to user pages are
 * allowed: SMEP and SMAP are not advertised. Accesses that cross a page boundary translate both
 * pages before touching memory.
 *
 * <p>Scope: IA-32e paging only (the CPU runs in long mode). CR0.PG without EFER.LMA is walked
 * the same way; legacy 32-bit and PAE paging, PCID and 5-level paging are not modelled.
 * Software that sets CR0/CR3/CR4/EFER directly in {@link CpuState} (a loader) must call
 * {@link #flushAll()} afterwards; the MOV to CR and WRMSR paths do their own flushing.
 */
public final class Mmu {

    public static final int READ = 0, WRITE = 1, FETCH = 2;

    /** Physical address width reported in CPUID 0x80000008 (SDM Vol.3 4.1.4: MAXPHYADDR). */
    public static final int MAX_PHYS_BITS = 40;

    /**
     * Index bits of each TLB: 16384 entries, 64 MiB of 4 KiB pages, so a sweep over an array of
     * that size stays in the TLB (with 1024 entries a sieve over 64 MiB spent a sixth of its time
     * walking page tables). Flushes cost what was filled, not the size (see {@link #filled}).
     * Compiled code computes {@link #tlbIndex} with these bits too.
     */
    public static final int TLB_BITS = 14;
    private static final int TLB_SIZE = 1 << TLB_BITS;
    private static final int TLB_MASK = TLB_SIZE - 1;
    private static final long NO_TAG = -1L;

    // Page-fault error code bits (SDM Vol.3 4.7).
    public static final int PF_P = 1, PF_W = 2, PF_U = 4, PF_RSVD = 8, PF_I = 16;

    private static final long CR0_PG = 1L << 31;

    private final CpuState state;
    private final PhysicalMemory memory;
    private final PageWalker walker;

    private final long[] readTag = new long[TLB_SIZE], writeTag = new long[TLB_SIZE], fetchTag = new long[TLB_SIZE];
    private final long[] readPage = new long[TLB_SIZE], writePage = new long[TLB_SIZE], fetchPage = new long[TLB_SIZE];
    /** Per TLB slot: bit 0 set for a global entry, bit 3 for an entry cut from a 2 MiB or 1 GiB page. */
    private final byte[] readInfo = new byte[TLB_SIZE], writeInfo = new byte[TLB_SIZE], fetchInfo = new byte[TLB_SIZE];
    private boolean largePagesCached;
    /**
     * The slots filled since they were last all flushed, as access << TLB_BITS | slot (a slot
     * filled twice may be listed twice): flushes walk this list instead of three whole TLBs.
     * When it is full, flushes walk the whole TLBs until a full flush empties it.
     */
    private final int[] filled = new int[3 * TLB_SIZE];
    private int filledCount;
    private boolean filledOverflow;
    /** Bumped by every flush: see {@link #epoch()}. */
    private int epoch;

    public Mmu(CpuState state, PhysicalMemory memory) {
        this.state = state;
        this.memory = memory;
        this.walker = new PageWalker(state, memory);
        filledOverflow = true; // every slot is still 0, a valid tag: the first flush clears them all
        flushAll();
    }

    // ---------------------------------------------------------------- translation

    /** The physical address for {@code linear} under the current privilege, or throws #PF / #GP(0). */
    public long translate(long linear, int access) {
        return translate(linear, access, state.cpl == 3);
    }

    /**
     * Translates as a user ({@code user}) or supervisor access regardless of CPL: implicit
     * supervisor accesses (descriptor tables, the TSS, the stack of a privilege change) use it.
     */
    public long translate(long linear, int access, boolean user) {
        long key = (linear >>> 12) << 1 | (user ? 1 : 0);
        int idx = tlbIndex(linear);
        long[] tags = access == READ ? readTag : access == WRITE ? writeTag : fetchTag;
        if (tags[idx] == key) {
            long[] pages = access == READ ? readPage : access == WRITE ? writePage : fetchPage;
            return pages[idx] | (linear & 0xFFF);
        }
        return translateMiss(linear, access, user, key, idx);
    }

    private long translateMiss(long linear, int access, boolean user, long key, int idx) {
        if ((state.cr0 & CR0_PG) == 0) {
            // Paging off: identity (SDM Vol.3 4.1.2); such pages are never global or large.
            fill(access, idx, key, linear & ~0xFFFL, false, false);
            return linear;
        }
        if (!isCanonical(linear)) {
            throw CpuFault.gp(0); // SDM Vol.3 3.3.7.1: non-canonical reference -> #GP(0); SS references raise #SS first (Operands)
        }
        walker.walk(linear, access, user);
        long physical = walker.pageBase | (linear & walker.pageMask);
        boolean large = walker.pageMask != 0xFFF;
        fill(access, idx, key, physical & ~0xFFFL, walker.global, large);
        return physical;
    }

    private void fill(int access, int idx, long key, long page, boolean global, boolean large) {
        byte info = (byte) ((global ? 1 : 0) | (large ? 8 : 0));
        if (large) {
            largePagesCached = true;
        }
        long[] tags = tlbTags(access);
        if (tags[idx] == NO_TAG) {
            if (filledCount < filled.length) {
                filled[filledCount++] = access << TLB_BITS | idx;
            } else {
                filledOverflow = true;
            }
        }
        tags[idx] = key;
        tlbPages(access)[idx] = page;
        infos(access)[idx] = info;
    }

    private byte[] infos(int access) {
        return access == READ ? readInfo : access == WRITE ? writeInfo : fetchInfo;
    }

    /** True if bits 63:47 of {@code linear} are all equal (SDM Vol.1 3.3.7.1). */
    public static boolean isCanonical(long linear) {
        return (linear << 16 >> 16) == linear;
    }

    // ---------------------------------------------------------------- TLB arrays for compiled code

    /**
     * The TLB slot of {@code linear}: the page number with its next {@value #TLB_BITS} bits
     * xor-folded in, so pages a multiple of 4 MiB apart (a sieve array and its stack, heap arenas)
     * land in different slots rather than evicting each other as a plain low-bits index would.
     * Compiled code emits the same arithmetic inline ({@code JitTlbTest} holds the two equal).
     */
    public static int tlbIndex(long linear) {
        int vpn = (int) (linear >>> 12);
        return (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    }

    /**
     * The slot of TLB {@code tags} that maps all {@code size} bytes at {@code linear} for the key's
     * user bit, or -1: a miss, or an access that crosses into the next page. The one hit test,
     * used by the fast paths here and by compiled code ({@code JitMemory}).
     */
    public static int tlbHit(long[] tags, long linear, long userBit, int size) {
        int idx = tlbIndex(linear);
        return tags[idx] == ((linear >>> 12) << 1 | userBit) && (linear & 0xFFF) <= 0x1000 - size ? idx : -1;
    }

    /**
     * The tag array of one access kind's TLB (slot holds (linear >>> 12) << 1 | user, or -1), for
     * the JIT's inlined fast path; the array is never replaced, only its entries change.
     */
    public long[] tlbTags(int access) {
        return access == READ ? readTag : access == WRITE ? writeTag : fetchTag;
    }

    /** The page-frame array matching {@link #tlbTags(int)}: the physical page base of each slot. */
    public long[] tlbPages(int access) {
        return access == READ ? readPage : access == WRITE ? writePage : fetchPage;
    }

    // ---------------------------------------------------------------- TLB maintenance

    /**
     * A counter bumped by every flush. A translation remembered outside the TLB (the
     * interpreter's links between decoded blocks) is still valid while the epoch is unchanged,
     * as a TLB entry would be: only a flush makes a changed paging structure visible (SDM Vol.3 4.10.4).
     */
    public int epoch() {
        return epoch;
    }

    /** Drops every TLB entry, global ones included (CR4.PGE/PAE/PSE change, CR0.PG/WP change). */
    public void flushAll() {
        epoch++;
        if (filledOverflow) {
            Arrays.fill(readTag, NO_TAG);
            Arrays.fill(writeTag, NO_TAG);
            Arrays.fill(fetchTag, NO_TAG);
        } else {
            for (int k = 0; k < filledCount; k++) {
                tlbTags(filled[k] >>> TLB_BITS)[filled[k] & TLB_MASK] = NO_TAG;
            }
        }
        filledCount = 0;
        filledOverflow = false;
        largePagesCached = false;
    }

    /** Drops every non-global entry: a MOV to CR3 (SDM Vol.3 4.10.4.1). */
    public void flushNonGlobal() {
        epoch++;
        flushWhere(0, 1);
    }

    /**
     * Drops the filled entries whose info bits under {@code mask} equal {@code mustBeSet}, and
     * keeps the others listed.
     */
    private void flushWhere(int mustBeSet, int mask) {
        if (filledOverflow) {
            // one walk over the whole TLBs, which lists the survivors afresh (once each)
            filledCount = 0;
            filledOverflow = false;
            for (int access = READ; access <= FETCH; access++) {
                long[] tags = tlbTags(access);
                byte[] info = infos(access);
                for (int i = 0; i < TLB_SIZE; i++) {
                    if ((info[i] & mask) == mustBeSet) {
                        tags[i] = NO_TAG;
                    } else if (tags[i] != NO_TAG) {
                        filled[filledCount++] = access << TLB_BITS | i;
                    }
                }
            }
            return;
        }
        int kept = 0;
        for (int k = 0; k < filledCount; k++) {
            int access = filled[k] >>> TLB_BITS;
            int i = filled[k] & TLB_MASK;
            long[] tags = tlbTags(access);
            if (tags[i] == NO_TAG) {
                continue;
            }
            if ((infos(access)[i] & mask) == mustBeSet) {
                tags[i] = NO_TAG;
            } else {
                filled[kept++] = filled[k];
            }
        }
        filledCount = kept;
    }

    /** INVLPG: drops the entries for the page holding {@code linear}, global or not, large pages whole. */
    public void flushPage(long linear) {
        epoch++;
        int idx = tlbIndex(linear);
        readTag[idx] = NO_TAG;
        writeTag[idx] = NO_TAG;
        fetchTag[idx] = NO_TAG;
        if (largePagesCached) {
            // A 2 MiB or 1 GiB mapping is cached in many 4 KiB slots: drop every large-page slot.
            flushWhere(8, 8);
            largePagesCached = false;
        }
    }

    // ---------------------------------------------------------------- data accesses

    // Fast paths: a TLB hit is two array loads and one PhysicalMemory access. Page-crossing
    // accesses take the slow path.

    /** The user bit of the TLB key: 1 at CPL 3, 0 at CPL 0-2. */
    private long userBit() {
        return (state.cpl + 1) >>> 2;
    }

    public int read8(long linear) {
        int idx = tlbHit(readTag, linear, userBit(), 1);
        if (idx >= 0) {
            return memory.read8(readPage[idx] | (linear & 0xFFF));
        }
        return memory.read8(translate(linear, READ));
    }

    public int read16(long linear) {
        int idx = tlbHit(readTag, linear, userBit(), 2);
        if (idx >= 0) {
            return memory.read16(readPage[idx] | (linear & 0xFFF));
        }
        if ((linear & 0xFFF) > 0xFFE) {
            return (int) readCrossing(linear, 2);
        }
        return memory.read16(translate(linear, READ));
    }

    public int read32(long linear) {
        int idx = tlbHit(readTag, linear, userBit(), 4);
        if (idx >= 0) {
            return memory.read32(readPage[idx] | (linear & 0xFFF));
        }
        if ((linear & 0xFFF) > 0xFFC) {
            return (int) readCrossing(linear, 4);
        }
        return memory.read32(translate(linear, READ));
    }

    public long read64(long linear) {
        int idx = tlbHit(readTag, linear, userBit(), 8);
        if (idx >= 0) {
            return memory.read64(readPage[idx] | (linear & 0xFFF));
        }
        if ((linear & 0xFFF) > 0xFF8) {
            return readCrossing(linear, 8);
        }
        return memory.read64(translate(linear, READ));
    }

    public void write8(long linear, int v) {
        int idx = tlbHit(writeTag, linear, userBit(), 1);
        if (idx >= 0) {
            memory.write8(writePage[idx] | (linear & 0xFFF), v);
            return;
        }
        memory.write8(translate(linear, WRITE), v);
    }

    public void write16(long linear, int v) {
        int idx = tlbHit(writeTag, linear, userBit(), 2);
        if (idx >= 0) {
            memory.write16(writePage[idx] | (linear & 0xFFF), v);
        } else if ((linear & 0xFFF) > 0xFFE) {
            writeCrossing(linear, 2, v);
        } else {
            memory.write16(translate(linear, WRITE), v);
        }
    }

    public void write32(long linear, int v) {
        int idx = tlbHit(writeTag, linear, userBit(), 4);
        if (idx >= 0) {
            memory.write32(writePage[idx] | (linear & 0xFFF), v);
        } else if ((linear & 0xFFF) > 0xFFC) {
            writeCrossing(linear, 4, v);
        } else {
            memory.write32(translate(linear, WRITE), v);
        }
    }

    public void write64(long linear, long v) {
        int idx = tlbHit(writeTag, linear, userBit(), 8);
        if (idx >= 0) {
            memory.write64(writePage[idx] | (linear & 0xFFF), v);
        } else if ((linear & 0xFFF) > 0xFF8) {
            writeCrossing(linear, 8, v);
        } else {
            memory.write64(translate(linear, WRITE), v);
        }
    }

    /** Faults now (as the write would) if writing {@code size} bytes at {@code linear} is not allowed. */
    public void probeWrite(long linear, int size) {
        translate(linear, WRITE);
        long last = linear + size - 1;
        if (((last ^ linear) & ~0xFFFL) != 0) {
            translate(last, WRITE);
        }
    }

    /** Same as {@link #probeWrite(long, int)} with explicit privilege (frames pushed on a privilege change). */
    public void probeWrite(long linear, int size, boolean user) {
        translate(linear, WRITE, user);
        long last = linear + size - 1;
        if (((last ^ linear) & ~0xFFFL) != 0) {
            translate(last, WRITE, user);
        }
    }

    /** Reads 8 bytes as a supervisor access whatever the CPL (descriptor tables, IDT, TSS: SDM Vol.3 4.6.1). */
    public long readSupervisor64(long linear) {
        long first = translate(linear, READ, false);
        if ((linear & 0xFFF) > 0xFF8) {
            long second = translate((linear | 0xFFF) + 1, READ, false);
            return readSplit(first, second, linear, 8);
        }
        return memory.read64(first);
    }

    /** Reads 2 bytes as a supervisor access whatever the CPL (the TSS I/O map). */
    public int readSupervisor16(long linear) {
        long first = translate(linear, READ, false);
        if ((linear & 0xFFF) == 0xFFF) {
            long second = translate(linear + 1, READ, false);
            return (int) readSplit(first, second, linear, 2);
        }
        return memory.read16(first);
    }

    /** Writes 8 bytes as a supervisor access whatever the CPL (TSS busy bits, GDT accessed bits). */
    public void writeSupervisor64(long linear, long v) {
        long first = translate(linear, WRITE, false);
        if ((linear & 0xFFF) > 0xFF8) {
            long second = translate((linear | 0xFFF) + 1, WRITE, false);
            writeSplit(first, second, linear, 8, v);
            return;
        }
        memory.write64(first, v);
    }

    private long readCrossing(long linear, int size) {
        long first = translate(linear, READ);
        long second = translate((linear | 0xFFF) + 1, READ);
        return readSplit(first, second, linear, size);
    }

    private long readSplit(long first, long second, long linear, int size) {
        int inFirst = (int) (0x1000 - (linear & 0xFFF));
        long v = 0;
        for (int i = 0; i < size; i++) {
            long pa = i < inFirst ? first + i : second + (i - inFirst);
            v |= (long) memory.read8(pa) << (8 * i);
        }
        return v;
    }

    private void writeCrossing(long linear, int size, long v) {
        long first = translate(linear, WRITE);
        long second = translate((linear | 0xFFF) + 1, WRITE);
        writeSplit(first, second, linear, size, v);
    }

    private void writeSplit(long first, long second, long linear, int size, long v) {
        int inFirst = (int) (0x1000 - (linear & 0xFFF));
        for (int i = 0; i < size; i++) {
            long pa = i < inFirst ? first + i : second + (i - inFirst);
            memory.write8(pa, (int) (v >>> (8 * i)));
        }
    }
}
