package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;

/**
 * Segment descriptors and selectors in IA-32e mode (SDM Vol.3 3.4-3.5, 5.2-5.8): reading a
 * descriptor from the GDT or LDT, decoding its fields, the privilege and type checks for
 * loading data, stack and code segments, and filling a segment register's hidden part.
 *
 * <p>Hidden attributes are packed as in {@link CpuState#segAttributes}: descriptor bits 40-47
 * in bits 0-7 (type, S, DPL, P) and bits 52-55 in bits 8-11 (AVL, L, D/B, G).
 */
public final class Segments {

    public static final int ATTR_ACCESSED = 1, ATTR_S = 1 << 4, ATTR_P = 1 << 7, ATTR_L = 1 << 9, ATTR_DB = 1 << 10,
            ATTR_G = 1 << 11;
    /** Type bits for code/data descriptors (S = 1): bit 3 code, bit 2 conforming/expand-down, bit 1 readable/writable. */
    public static final int TYPE_CODE = 8, TYPE_CONFORMING = 4, TYPE_RW = 2;
    /** System descriptor types in IA-32e mode (SDM Vol.3 Table 3-2). */
    public static final int TYPE_LDT = 2, TYPE_TSS_AVAILABLE = 9, TYPE_TSS_BUSY = 11;

    /** Flat 64-bit ring-0 code, ring-0 data, ring-3 code and ring-3 data attributes, as SYSCALL/SYSRET load them. */
    public static final int KERNEL_CODE64 = 0xA9B, KERNEL_DATA = 0xC93, USER_CODE64 = 0xAFB, USER_CODE32 = 0xCFB,
            USER_DATA = 0xCF3;

    private static final int[] DATA_SEGMENTS = {CpuState.ES, CpuState.DS, CpuState.FS, CpuState.GS};

    private Segments() {
    }

    public static int attributes(long descriptor) {
        return (int) ((descriptor >>> 40) & 0xFF) | (int) (((descriptor >>> 52) & 0xF) << 8);
    }

    public static long base(long descriptor) {
        return ((descriptor >>> 16) & 0xFF_FFFFL) | (((descriptor >>> 56) & 0xFF) << 24);
    }

    /** The limit in bytes, scaled by 4 KiB when G is set (SDM Vol.3 3.4.5). */
    public static int limit(long descriptor) {
        int raw = (int) (descriptor & 0xFFFF) | (int) ((descriptor >>> 32) & 0xF_0000);
        return (descriptor & (1L << 55)) != 0 ? (raw << 12) | 0xFFF : raw;
    }

    public static int dpl(int attributes) {
        return (attributes >>> 5) & 3;
    }

    public static int type(int attributes) {
        return attributes & 0xF;
    }

    public static boolean present(int attributes) {
        return (attributes & ATTR_P) != 0;
    }

    /** True for a code or data (not system) descriptor. */
    public static boolean isCodeOrData(int attributes) {
        return (attributes & ATTR_S) != 0;
    }

    public static boolean isCode(int attributes) {
        return isCodeOrData(attributes) && (attributes & TYPE_CODE) != 0;
    }

    /** True if {@code size} bytes of the descriptor for {@code selector} lie within its table (GDT or a usable LDT). */
    public static boolean inTable(CpuState s, int selector, int size) {
        int offset = selector & 0xFFF8;
        boolean ldt = (selector & 4) != 0;
        int tableLimit = ldt ? s.ldtrLimit : s.gdtrLimit;
        return !(ldt && (s.ldtrSelector & 0xFFFC) == 0) && offset + size - 1 <= (tableLimit & 0xFFFF_FFFFL);
    }

    /** Linear address of the descriptor for {@code selector}, or throws #GP(selector) if beyond the table limit. */
    public static long descriptorAddress(CpuState s, int selector, int size) {
        if (!inTable(s, selector, size)) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        return ((selector & 4) != 0 ? s.ldtrBase : s.gdtrBase) + (selector & 0xFFF8);
    }

    /** Reads the 8-byte descriptor for a non-null selector (an implicit supervisor access). */
    public static long read(Cpu cpu, int selector) {
        return cpu.mmu.readSupervisor64(descriptorAddress(cpu.state, selector, 8));
    }

    /** Sets the descriptor's Accessed bit in memory if it is clear (SDM Vol.3 3.4.5.1). */
    public static void markAccessed(Cpu cpu, int selector, long descriptor) {
        if ((descriptor & (1L << 40)) == 0) {
            cpu.mmu.writeSupervisor64(descriptorAddress(cpu.state, selector, 8), descriptor | (1L << 40));
        }
    }

    /** Fills segment register {@code seg} from {@code descriptor}. */
    public static void load(CpuState s, int seg, int selector, long descriptor) {
        s.segSelector[seg] = selector & 0xFFFF;
        s.segBase[seg] = base(descriptor);
        s.segLimit[seg] = limit(descriptor);
        s.segAttributes[seg] = attributes(descriptor) | ATTR_ACCESSED;
    }

    /** Loads a null selector: the register becomes unusable; Intel CPUs also clear the base (SDM Vol.3 3.4.4). */
    public static void loadNull(CpuState s, int seg, int selector) {
        s.segSelector[seg] = selector & 0xFFFF;
        s.segBase[seg] = 0;
        s.segLimit[seg] = 0;
        s.segAttributes[seg] = 0;
    }

    /** Fills a segment register with fixed flat values (SYSCALL, SYSRET: SDM Vol.2 SYSCALL operation). */
    public static void loadFlat(CpuState s, int seg, int selector, int attributes) {
        s.segSelector[seg] = selector & 0xFFFF;
        s.segBase[seg] = 0;
        s.segLimit[seg] = 0xFFFF_FFFF;
        s.segAttributes[seg] = attributes;
    }

    /**
     * MOV/POP to DS, ES, FS or GS (SDM Vol.2 MOV, "Operation", protected mode): null loads an
     * unusable segment; otherwise the descriptor must be data or readable code, and unless it is
     * conforming code both RPL and CPL must not exceed its DPL.
     */
    public static void loadData(Cpu cpu, int seg, int selector) {
        CpuState s = cpu.state;
        if ((selector & 0xFFFC) == 0) {
            loadNull(s, seg, selector);
            return;
        }
        long d = read(cpu, selector);
        int a = attributes(d);
        boolean readable = isCodeOrData(a) && (!isCode(a) || (a & TYPE_RW) != 0);
        if (!readable) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        boolean conformingCode = isCode(a) && (a & TYPE_CONFORMING) != 0;
        if (!conformingCode && ((selector & 3) > dpl(a) || s.cpl > dpl(a))) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        if (!present(a)) {
            throw CpuFault.np(selector & 0xFFFC);
        }
        markAccessed(cpu, selector, d);
        load(s, seg, selector, d);
    }

    /**
     * Checks a stack segment for CPL {@code cpl} (SDM Vol.2 MOV SS, IRET): in 64-bit mode a null
     * SS is allowed below ring 3 when RPL = CPL; otherwise RPL = DPL = CPL and a writable data
     * segment. Returns the descriptor (0 for null); throws #GP(selector) or #SS(selector).
     */
    public static long checkStack(Cpu cpu, int selector, int cpl) {
        if ((selector & 0xFFFC) == 0) {
            if (cpl == 3 || (selector & 3) != cpl) {
                throw CpuFault.gp(0);
            }
            return 0;
        }
        long d = read(cpu, selector);
        int a = attributes(d);
        if ((selector & 3) != cpl || dpl(a) != cpl || !isCodeOrData(a) || isCode(a) || (a & TYPE_RW) == 0) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        if (!present(a)) {
            throw CpuFault.ss(selector & 0xFFFC);
        }
        markAccessed(cpu, selector, d);
        return d;
    }

    /** Loads SS with a descriptor checked by {@link #checkStack} (0 for a null selector). */
    public static void loadStack(Cpu cpu, int selector, long descriptor) {
        if (descriptor == 0) {
            loadNull(cpu.state, CpuState.SS, selector);
            return;
        }
        load(cpu.state, CpuState.SS, selector, descriptor);
    }

    /**
     * Loads CS after a checked transfer (the caller has set the Accessed bit) and moves CPL with
     * it: CPL is CS.RPL in protected mode.
     */
    public static void loadCode(Cpu cpu, int selector, long descriptor, int newCpl) {
        CpuState s = cpu.state;
        load(s, CpuState.CS, (selector & 0xFFFC) | newCpl, descriptor);
        s.cpl = newCpl;
    }

    /** True if CS describes a 64-bit code segment (L = 1): the target RIP must then be canonical. */
    public static boolean is64BitCode(int attributes) {
        return (attributes & ATTR_L) != 0;
    }

    /**
     * On a return to an outer ring, data segment registers the new ring may not use become null
     * (SDM Vol.2 IRET / RET far: "for each of ES, FS, GS and DS").
     */
    public static void invalidateForOuterRing(CpuState s, int newCpl) {
        for (int seg : DATA_SEGMENTS) {
            int a = s.segAttributes[seg];
            boolean conformingCode = isCode(a) && (a & TYPE_CONFORMING) != 0;
            if ((s.segSelector[seg] & 0xFFFC) != 0 && !conformingCode && dpl(a) < newCpl) {
                // Only the selector and attributes: FS/GS bases set through MSRs survive in 64-bit mode.
                s.segSelector[seg] = 0;
                s.segAttributes[seg] = 0;
            }
        }
    }
}
