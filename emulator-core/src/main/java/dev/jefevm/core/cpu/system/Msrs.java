package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * The model-specific registers this CPU has (SDM Vol.4 Table 2-2, architectural MSRs): TSC,
 * APIC base, MTRRs, PAT, MISC_ENABLE, PLATFORM_INFO and the long-mode set (EFER, STAR, LSTAR,
 * CSTAR, FMASK, FS/GS bases, KERNEL_GS_BASE, TSC_AUX). Unknown MSRs and writes of reserved bits
 * raise #GP(0), as RDMSR/WRMSR specify; privilege is checked by the caller. The board is asked
 * first ({@link dev.jefevm.core.platform.Platform#ownsMsr(int)}): its local APIC implements
 * IA32_APIC_BASE, IA32_TSC_DEADLINE and the x2APIC registers, and the table here answers only
 * for MSRs the board does not own.
 */
public final class Msrs {

    public static final int TSC = 0x10, BIOS_SIGN_ID = 0x8B, APIC_BASE = 0x1B, PLATFORM_INFO = 0xCE, MTRRCAP = 0xFE,
            MISC_ENABLE = 0x1A0, MTRR_PHYSBASE0 = 0x200, MTRR_FIX64K = 0x250, MTRR_FIX16K_80000 = 0x258,
            MTRR_FIX16K_A0000 = 0x259, MTRR_FIX4K_C0000 = 0x268, PAT = 0x277, MTRR_DEF_TYPE = 0x2FF;
    public static final int EFER = 0xC000_0080, STAR = 0xC000_0081, LSTAR = 0xC000_0082, CSTAR = 0xC000_0083,
            FMASK = 0xC000_0084, FS_BASE = 0xC000_0100, GS_BASE = 0xC000_0101, KERNEL_GS_BASE = 0xC000_0102,
            TSC_AUX = 0xC000_0103;

    public static final long EFER_SCE = 1, EFER_LME = 1 << 8, EFER_LMA = 1 << 10, EFER_NXE = 1 << 11;

    /** MTRRcap: 8 variable ranges, fixed ranges, write-combining (SDM Vol.3 12.11.2.1). */
    private static final long MTRRCAP_VALUE = 8 | (1 << 8) | (1 << 10);
    /** Non-turbo ratio 10 x 100 MHz = the 1 GHz TSC (SDM Vol.4 MSR_PLATFORM_INFO bits 15:8). */
    private static final long PLATFORM_INFO_VALUE = 10 << 8;
    private static final long PHYS_MASK = (1L << Mmu.MAX_PHYS_BITS) - 1;

    private Msrs() {
    }

    /** RDMSR. */
    public static long read(Cpu cpu, int msr) {
        CpuState s = cpu.state;
        if (cpu.platform.ownsMsr(msr)) {
            return cpu.platform.readMsr(msr);
        }
        return switch (msr) {
            case TSC -> cpu.platform.clock().tsc() + s.tscOffset;
            case BIOS_SIGN_ID -> 0; // no microcode update loaded
            case APIC_BASE -> s.apicBase;
            case PLATFORM_INFO -> PLATFORM_INFO_VALUE;
            case MTRRCAP -> MTRRCAP_VALUE;
            case MISC_ENABLE -> s.miscEnable;
            case PAT -> s.pat;
            case MTRR_DEF_TYPE -> s.mtrrDefType;
            case EFER -> s.efer;
            case STAR -> s.star;
            case LSTAR -> s.lstar;
            case CSTAR -> s.cstar;
            case FMASK -> s.sfmask;
            case FS_BASE -> s.segBase[CpuState.FS];
            case GS_BASE -> s.segBase[CpuState.GS];
            case KERNEL_GS_BASE -> s.kernelGsBase;
            case TSC_AUX -> s.tscAux;
            default -> {
                int fixed = fixedMtrrIndex(msr);
                if (fixed >= 0) {
                    yield s.mtrrFixed[fixed];
                }
                if (msr >= MTRR_PHYSBASE0 && msr < MTRR_PHYSBASE0 + 16) {
                    yield s.mtrrVariable[msr - MTRR_PHYSBASE0];
                }
                throw CpuFault.gp(0);
            }
        };
    }

    /** WRMSR. */
    public static void write(Cpu cpu, int msr, long v) {
        CpuState s = cpu.state;
        if (cpu.platform.ownsMsr(msr)) {
            cpu.platform.writeMsr(msr, v);
            if (msr == APIC_BASE) {
                s.apicBase = cpu.platform.readMsr(APIC_BASE); // CPUID leaf 1 EDX.APIC follows its EN bit
            }
            return;
        }
        switch (msr) {
            case TSC -> s.tscOffset = v - cpu.platform.clock().tsc(); // SDM Vol.3 18.17: writes move the counter
            case BIOS_SIGN_ID -> { } // writing 0 before CPUID(1) is how software reads the microcode revision
            case APIC_BASE -> writeApicBase(s, v);
            case MISC_ENABLE -> s.miscEnable = v;
            case PAT -> {
                for (int i = 0; i < 8; i++) {
                    int type = (int) (v >>> (8 * i)) & 0xFF;
                    if (type == 2 || type == 3 || type > 7) {
                        throw CpuFault.gp(0); // SDM Vol.3 12.12.2: reserved memory types
                    }
                }
                s.pat = v;
            }
            case MTRR_DEF_TYPE -> {
                if ((v & ~0xCFFL) != 0) {
                    throw CpuFault.gp(0);
                }
                s.mtrrDefType = v;
            }
            case EFER -> writeEfer(cpu, v);
            case STAR -> s.star = v;
            case LSTAR -> s.lstar = canonical(v);
            case CSTAR -> s.cstar = canonical(v);
            case FMASK -> {
                if ((v >>> 32) != 0) {
                    throw CpuFault.gp(0);
                }
                s.sfmask = v;
            }
            case FS_BASE -> s.segBase[CpuState.FS] = canonical(v);
            case GS_BASE -> s.segBase[CpuState.GS] = canonical(v);
            case KERNEL_GS_BASE -> s.kernelGsBase = canonical(v);
            case TSC_AUX -> {
                if ((v >>> 32) != 0) {
                    throw CpuFault.gp(0);
                }
                s.tscAux = v;
            }
            default -> {
                int fixed = fixedMtrrIndex(msr);
                if (fixed >= 0) {
                    s.mtrrFixed[fixed] = v;
                } else if (msr >= MTRR_PHYSBASE0 && msr < MTRR_PHYSBASE0 + 16) {
                    s.mtrrVariable[msr - MTRR_PHYSBASE0] = v;
                } else {
                    throw CpuFault.gp(0); // read-only (MTRRcap, PLATFORM_INFO) or unknown
                }
            }
        }
    }

    private static long canonical(long v) {
        if (!Mmu.isCanonical(v)) {
            throw CpuFault.gp(0);
        }
        return v;
    }

    /**
     * IA32_APIC_BASE without a board APIC (SDM Vol.3 11.4.4): BSP (read-only), EN, base; the
     * x2APIC enable bit needs the board's APIC and is reserved here.
     */
    private static void writeApicBase(CpuState s, long v) {
        long writable = (1L << 11) | (PHYS_MASK & ~0xFFFL);
        if ((v & ~writable & ~(1L << 8)) != 0) {
            throw CpuFault.gp(0);
        }
        s.apicBase = (v & writable) | (s.apicBase & (1L << 8));
    }

    /** IA32_EFER (SDM Vol.4 0xC0000080): SCE, LME, NXE writable; LMA read-only; LME frozen while paging. */
    private static void writeEfer(Cpu cpu, long v) {
        CpuState s = cpu.state;
        if ((v & ~(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)) != 0) {
            throw CpuFault.gp(0);
        }
        boolean paging = (s.cr0 & (1L << 31)) != 0;
        if (paging && ((v ^ s.efer) & EFER_LME) != 0) {
            throw CpuFault.gp(0); // SDM Vol.3 10.8.5: LME changes only with paging off
        }
        long old = s.efer;
        s.efer = (v & ~EFER_LMA) | (old & EFER_LMA);
        if (((old ^ v) & EFER_NXE) != 0) {
            cpu.mmu.flushAll(); // cached permissions depend on NXE
        }
    }

    private static int fixedMtrrIndex(int msr) {
        if (msr == MTRR_FIX64K) {
            return 0;
        }
        if (msr == MTRR_FIX16K_80000 || msr == MTRR_FIX16K_A0000) {
            return 1 + msr - MTRR_FIX16K_80000;
        }
        if (msr >= MTRR_FIX4K_C0000 && msr < MTRR_FIX4K_C0000 + 8) {
            return 3 + msr - MTRR_FIX4K_C0000;
        }
        return -1;
    }
}
