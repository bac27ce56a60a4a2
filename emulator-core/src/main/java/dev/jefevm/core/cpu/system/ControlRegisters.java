package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * MOV to and from the control registers CR0, CR2, CR3, CR4, CR8 and the debug registers
 * (SDM Vol.3 2.5, 17.2; Vol.2 MOV-Control Registers / MOV-Debug Registers), with their
 * reserved-bit #GP rules, the long-mode activation that setting CR0.PG with EFER.LME performs
 * (SDM Vol.3 10.8.5), and the TLB flushes the SDM requires (4.10.4.1). Callers check CPL 0.
 *
 * <p>Debug registers are stored and read back; breakpoints they describe do not fire.
 */
public final class ControlRegisters {

    public static final long CR0_PE = 1, CR0_MP = 1 << 1, CR0_EM = 1 << 2, CR0_TS = 1 << 3, CR0_ET = 1 << 4,
            CR0_NE = 1 << 5, CR0_WP = 1 << 16, CR0_AM = 1 << 18, CR0_NW = 1L << 29, CR0_CD = 1L << 30,
            CR0_PG = 1L << 31;
    public static final long CR4_DE = 1 << 3, CR4_TSD = 1 << 2, CR4_PSE = 1 << 4, CR4_PAE = 1 << 5, CR4_PGE = 1 << 7,
            CR4_OSFXSR = 1 << 9, CR4_OSXMMEXCPT = 1 << 10, CR4_FSGSBASE = 1 << 16;

    private static final long CR0_DEFINED = CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE | CR0_WP | CR0_AM
            | CR0_NW | CR0_CD | CR0_PG;
    /** The CR4 bits of features CPUID advertises (SDM Vol.3 2.5: others are reserved, #GP). */
    private static final long CR4_DEFINED = CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_PGE | CR4_OSFXSR
            | CR4_OSXMMEXCPT | CR4_FSGSBASE;
    private static final long CR3_RESERVED = ~((1L << Mmu.MAX_PHYS_BITS) - 1);

    private ControlRegisters() {
    }

    /** MOV from CRn; CR1, CR5-7 and CR9-15 do not exist (#UD). */
    public static long read(CpuState s, int cr) {
        return switch (cr) {
            case 0 -> s.cr0;
            case 2 -> s.cr2;
            case 3 -> s.cr3;
            case 4 -> s.cr4;
            case 8 -> s.cr8 & 0xF;
            default -> throw CpuFault.ud();
        };
    }

    /** MOV to CRn. */
    public static void write(Cpu cpu, int cr, long v) {
        CpuState s = cpu.state;
        switch (cr) {
            case 0 -> writeCr0(cpu, v);
            case 2 -> s.cr2 = v;
            case 3 -> {
                if ((v & CR3_RESERVED) != 0) {
                    throw CpuFault.gp(0);
                }
                s.cr3 = v;
                cpu.mmu.flushNonGlobal();
            }
            case 4 -> writeCr4(cpu, v);
            case 8 -> {
                if ((v & ~0xFL) != 0) {
                    throw CpuFault.gp(0); // SDM Vol.3 11.8.6.1: TPR in bits 3:0
                }
                s.cr8 = v;
            }
            default -> throw CpuFault.ud();
        }
    }

    private static void writeCr0(Cpu cpu, long v) {
        CpuState s = cpu.state;
        if ((v & ~CR0_DEFINED) != 0 || (v & CR0_PG) != 0 && (v & CR0_PE) == 0
                || (v & CR0_NW) != 0 && (v & CR0_CD) == 0) {
            throw CpuFault.gp(0);
        }
        boolean lme = (s.efer & Msrs.EFER_LME) != 0;
        boolean pagingOn = (v & CR0_PG) != 0 && (s.cr0 & CR0_PG) == 0;
        boolean pagingOff = (v & CR0_PG) == 0 && (s.cr0 & CR0_PG) != 0;
        if (pagingOff && s.longModeActive() && Segments.is64BitCode(s.segAttributes[CpuState.CS])) {
            throw CpuFault.gp(0); // SDM Vol.3 10.8.5.4: leave long mode from compatibility mode only
        }
        if (pagingOn && lme && (s.cr4 & CR4_PAE) == 0) {
            throw CpuFault.gp(0); // SDM Vol.3 10.8.5: IA-32e mode needs PAE
        }
        long old = s.cr0;
        s.cr0 = v | CR0_ET; // ET is hardwired to 1
        if (pagingOn && lme) {
            s.efer |= Msrs.EFER_LMA;
        } else if (pagingOff) {
            s.efer &= ~Msrs.EFER_LMA;
        }
        if (((old ^ v) & (CR0_PG | CR0_WP)) != 0) {
            cpu.mmu.flushAll();
        }
    }

    private static void writeCr4(Cpu cpu, long v) {
        CpuState s = cpu.state;
        if ((v & ~CR4_DEFINED) != 0 || s.longModeActive() && (v & CR4_PAE) == 0) {
            throw CpuFault.gp(0);
        }
        long old = s.cr4;
        s.cr4 = v;
        if (((old ^ v) & (CR4_PGE | CR4_PAE | CR4_PSE)) != 0) {
            cpu.mmu.flushAll(); // SDM Vol.3 4.10.4.1
        }
    }

    /** MOV from DRn; DR4/DR5 alias DR6/DR7 unless CR4.DE (then #UD). */
    public static long readDebug(CpuState s, int dr) {
        int n = debugIndex(s, dr);
        return switch (n) {
            case 6 -> s.dr[6] | 0xFFFF_0FF0L; // SDM Vol.3 17.2.3: reserved bits read as 1
            case 7 -> (s.dr[7] | 0x400) & ~0xD800L; // bits 11, 12, 14, 15 read as 0; bit 10 as 1
            default -> s.dr[n];
        };
    }

    /** MOV to DRn; DR6/DR7 bits 63:32 must be zero (#GP). */
    public static void writeDebug(CpuState s, int dr, long v) {
        int n = debugIndex(s, dr);
        if (n >= 6 && (v >>> 32) != 0) {
            throw CpuFault.gp(0);
        }
        s.dr[n] = v;
    }

    private static int debugIndex(CpuState s, int dr) {
        if (dr > 7) {
            throw CpuFault.ud();
        }
        if (dr == 4 || dr == 5) {
            if ((s.cr4 & CR4_DE) != 0) {
                throw CpuFault.ud();
            }
            return dr + 2;
        }
        return dr;
    }
}
