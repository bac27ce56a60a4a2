package dev.jefevm.core.cpu.mmu;

import static dev.jefevm.core.cpu.mmu.Mmu.FETCH;
import static dev.jefevm.core.cpu.mmu.Mmu.MAX_PHYS_BITS;
import static dev.jefevm.core.cpu.mmu.Mmu.PF_I;
import static dev.jefevm.core.cpu.mmu.Mmu.PF_P;
import static dev.jefevm.core.cpu.mmu.Mmu.PF_RSVD;
import static dev.jefevm.core.cpu.mmu.Mmu.PF_U;
import static dev.jefevm.core.cpu.mmu.Mmu.PF_W;
import static dev.jefevm.core.cpu.mmu.Mmu.WRITE;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;

/**
 * The IA-32e page walk behind {@link Mmu}'s TLB (SDM Vol.3 4.5.4): PML4, PDPT, PD and PT
 * entries, 1 GiB and 2 MiB leaves, reserved-bit checks, the access-rights rules of 4.6 (U/S,
 * R/W with CR0.WP, XD with EFER.NXE), Accessed and Dirty updates (4.8), and the #PF error code
 * (4.7). A successful walk leaves its result in fields rather than allocating.
 */
final class PageWalker {

    // Page-table entry bits (SDM Vol.3 Table 4-15 to 4-20).
    static final long PTE_P = 1L, PTE_RW = 1L << 1, PTE_US = 1L << 2, PTE_A = 1L << 5, PTE_D = 1L << 6;
    static final long PTE_PS = 1L << 7, PTE_G = 1L << 8, PTE_XD = 1L << 63;
    /** Bits MAXPHYADDR..51: reserved in every paging-structure entry. */
    private static final long RSVD_HIGH = ((1L << 52) - 1) & ~((1L << MAX_PHYS_BITS) - 1);
    private static final long ADDR_MASK = ((1L << MAX_PHYS_BITS) - 1) & ~0xFFFL;
    private static final long CR0_WP = 1L << 16;
    private static final long EFER_NXE = 1L << 11;

    private final CpuState state;
    private final PhysicalMemory memory;

    /** Result of the last successful walk: the page's physical base, its offset mask, and whether it is global. */
    long pageBase;
    long pageMask;
    boolean global;

    PageWalker(CpuState state, PhysicalMemory memory) {
        this.state = state;
        this.memory = memory;
    }

    /**
     * Walks the 4-level structures (SDM Vol.3 4.5.4), checks reserved bits and permissions
     * (4.6), sets Accessed on every entry used and Dirty on the final one for writes (4.8), and
     * leaves the result in {@link #pageBase}, {@link #pageMask} and {@link #global}.
     */
    void walk(long linear, int access, boolean user) {
        boolean nxe = (state.efer & EFER_NXE) != 0;
        long rsvdCommon = RSVD_HIGH | (nxe ? 0 : PTE_XD);
        long table = state.cr3 & ADDR_MASK;
        long allowWrite = PTE_RW, allowUser = PTE_US, noExec = 0;
        long e4a = table + ((linear >>> 39) & 0x1FF) * 8;
        long e4 = readEntry(e4a, linear, access, user, nxe);
        checkReserved(e4, rsvdCommon | PTE_PS, linear, access, user, nxe);
        allowWrite &= e4; allowUser &= e4; noExec |= e4 & PTE_XD;

        long e3a = (e4 & ADDR_MASK) + ((linear >>> 30) & 0x1FF) * 8;
        long e3 = readEntry(e3a, linear, access, user, nxe);
        long e2a = 0, e1a = 0, e2 = 0, leaf, leafAddr, pageMask;
        int levels;
        if ((e3 & PTE_PS) != 0) {
            checkReserved(e3, rsvdCommon | 0x3FFF_E000L, linear, access, user, nxe); // bits 29:13
            leaf = e3; leafAddr = e3a; pageMask = (1L << 30) - 1; levels = 2;
        } else {
            checkReserved(e3, rsvdCommon, linear, access, user, nxe);
            allowWrite &= e3; allowUser &= e3; noExec |= e3 & PTE_XD;
            e2a = (e3 & ADDR_MASK) + ((linear >>> 21) & 0x1FF) * 8;
            e2 = readEntry(e2a, linear, access, user, nxe);
            if ((e2 & PTE_PS) != 0) {
                checkReserved(e2, rsvdCommon | 0x1F_E000L, linear, access, user, nxe); // bits 20:13
                leaf = e2; leafAddr = e2a; pageMask = (1L << 21) - 1; levels = 3;
            } else {
                checkReserved(e2, rsvdCommon, linear, access, user, nxe);
                allowWrite &= e2; allowUser &= e2; noExec |= e2 & PTE_XD;
                e1a = (e2 & ADDR_MASK) + ((linear >>> 12) & 0x1FF) * 8;
                long e1 = readEntry(e1a, linear, access, user, nxe);
                checkReserved(e1, rsvdCommon, linear, access, user, nxe);
                leaf = e1; leafAddr = e1a; pageMask = 0xFFF; levels = 4;
            }
        }
        allowWrite &= leaf; allowUser &= leaf; noExec |= leaf & PTE_XD;

        boolean allowed = switch (access) {
            case WRITE -> (user ? allowUser != 0 && allowWrite != 0 : allowWrite != 0 || (state.cr0 & CR0_WP) == 0);
            case FETCH -> (!user || allowUser != 0) && !(nxe && noExec != 0);
            default -> !user || allowUser != 0;
        };
        if (!allowed) {
            throw pageFault(linear, PF_P, access, user, nxe);
        }
        // Accessed on every entry used (SDM Vol.3 4.8), Dirty on the mapping entry for a write;
        // an entry read with the bit already set is not read again (most walks set nothing).
        if ((e4 & PTE_A) == 0) {
            setBits(e4a, PTE_A);
        }
        if ((e3 & PTE_A) == 0) {
            setBits(e3a, PTE_A);
        }
        if (levels >= 3 && (e2 & PTE_A) == 0) {
            setBits(e2a, PTE_A);
        }
        if (levels == 4 && (leaf & PTE_A) == 0) {
            setBits(e1a, PTE_A);
        }
        if (access == WRITE && (leaf & PTE_D) == 0) {
            setBits(leafAddr, PTE_D);
        }
        this.pageMask = pageMask;
        pageBase = leaf & ADDR_MASK & ~pageMask;
        global = (leaf & PTE_G) != 0 && (state.cr4 & (1L << 7)) != 0; // CR4.PGE
    }

    private long readEntry(long address, long linear, int access, boolean user, boolean nxe) {
        long e = memory.read64(address);
        if ((e & PTE_P) == 0) {
            throw pageFault(linear, 0, access, user, nxe);
        }
        return e;
    }

    private void checkReserved(long entry, long reservedMask, long linear, int access, boolean user, boolean nxe) {
        if ((entry & reservedMask) != 0) {
            throw pageFault(linear, PF_P | PF_RSVD, access, user, nxe);
        }
    }

    private void setBits(long address, long bits) {
        long e = memory.read64(address);
        if ((e & bits) != bits) {
            memory.write64(address, e | bits);
        }
    }

    private CpuFault pageFault(long linear, int base, int access, boolean user, boolean nxe) {
        int code = base;
        if (access == WRITE) {
            code |= PF_W;
        }
        if (user) {
            code |= PF_U;
        }
        // SDM Vol.3 4.7: I/D is reported for fetches only when NX (or SMEP) is in use.
        if (access == FETCH && nxe) {
            code |= PF_I;
        }
        return CpuFault.pf(linear, code);
    }
}
