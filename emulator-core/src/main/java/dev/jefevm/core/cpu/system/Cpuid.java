package dev.jefevm.core.cpu.system;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * CPUID (SDM Vol.2 CPUID, AMD APM Vol.3 E.3): a coherent processor that advertises exactly what
 * this emulator implements, and no more. The vendor is "GenuineIntel" with family 6 because
 * glibc, libgcc and compilers' runtime dispatch key off the Intel and AMD vendor strings and
 * take slow or wrong paths for unknown vendors; the brand string names us honestly, and the
 * hypervisor leaves (0x40000000...) identify JefeVM and give the TSC frequency.
 *
 * <p>The instruction set is x86-64-v2 (CMPXCHG16B, LAHF/SAHF, POPCNT, SSE3, SSSE3, SSE4.1,
 * SSE4.2: what glibc's ISA-level check and its SSE4.2 string functions such as strcspn's
 * PCMPISTRI need) plus MOVBE, LZCNT, BMI1, BMI2, ADX, FSGSBASE and ERMS (REP MOVSB/STOSB are
 * exact element-by-element, so glibc may choose its rep-movsb memcpy), and the x87 FPU with
 * FCMOV/FCOMI. The board's local APIC is advertised with x2APIC and the TSC-deadline timer, and
 * leaves 0x15/0x16 give the 1 GHz TSC and core clock so a kernel need not calibrate them. Not
 * advertised because not implemented: XSAVE/AVX and everything built on them (so OSXSAVE stays
 * clear and glibc keeps to its SSE2/SSE4 routines), AES, PCLMULQDQ, FMA, F16C, RDRAND,
 * SYSENTER, SMEP/SMAP, PCID, MONITOR, PSE (32-bit paging).
 */
public final class Cpuid {

    /** Highest basic leaf; leaves above it (and unknown extended leaves) return its data (SDM Vol.2 CPUID). */
    static final int MAX_BASIC = 0x16;
    static final int MAX_EXTENDED = 0x8000_0008;
    static final int HYPERVISOR_BASE = 0x4000_0000;
    static final int HYPERVISOR_MAX = 0x4000_0010;

    /** Family 6, model 0x1A (a Nehalem-class part without AVX), stepping 5: EAX of leaf 1. */
    static final int SIGNATURE = 0x0001_06A5;

    // Leaf 1 EDX (SDM Vol.2 Table 3-11)
    static final int EDX1_FPU = 1, EDX1_DE = 1 << 2, EDX1_TSC = 1 << 4, EDX1_MSR = 1 << 5, EDX1_PAE = 1 << 6, EDX1_CX8 = 1 << 8,
            EDX1_APIC = 1 << 9, EDX1_MTRR = 1 << 12, EDX1_PGE = 1 << 13, EDX1_CMOV = 1 << 15, EDX1_PAT = 1 << 16,
            EDX1_CLFSH = 1 << 19, EDX1_MMX = 1 << 23, EDX1_FXSR = 1 << 24, EDX1_SSE = 1 << 25, EDX1_SSE2 = 1 << 26;
    // Leaf 1 ECX (SDM Vol.2 Table 3-10)
    static final int ECX1_SSE3 = 1, ECX1_SSSE3 = 1 << 9, ECX1_CX16 = 1 << 13, ECX1_SSE41 = 1 << 19,
            ECX1_SSE42 = 1 << 20, ECX1_X2APIC = 1 << 21, ECX1_MOVBE = 1 << 22, ECX1_POPCNT = 1 << 23,
            ECX1_TSC_DEADLINE = 1 << 24, ECX1_HYPERVISOR = 1 << 31;
    // Leaf 7 subleaf 0 EBX (SDM Vol.2 Table 3-8)
    static final int EBX7_FSGSBASE = 1, EBX7_BMI1 = 1 << 3, EBX7_BMI2 = 1 << 8, EBX7_ERMS = 1 << 9,
            EBX7_ADX = 1 << 19;
    // Leaf 0x80000001
    static final int ECX81_LAHF = 1, ECX81_ABM = 1 << 5;
    static final int EDX81_SYSCALL = 1 << 11, EDX81_NX = 1 << 20, EDX81_PAGE1GB = 1 << 26, EDX81_RDTSCP = 1 << 27,
            EDX81_LM = 1 << 29;

    private static final int[] BRAND = brand("JefeVM virtual CPU");

    private Cpuid() {
    }

    /** Executes CPUID on {@code s}: leaf in EAX, subleaf in ECX; results in EAX, EBX, ECX, EDX (zero-extended). */
    public static void execute(CpuState s) {
        int leaf = (int) s.gpr[CpuState.RAX];
        int subleaf = (int) s.gpr[CpuState.RCX];
        int a = 0, b = 0, c = 0, d = 0;
        if (Integer.compareUnsigned(leaf, HYPERVISOR_BASE) >= 0 && Integer.compareUnsigned(leaf, 0x4000_00FF) <= 0) {
            // Hypervisor range (leaf 1 ECX[31] set); leaves inside it that we do not define read as zero.
            if (leaf == HYPERVISOR_BASE) {
                a = HYPERVISOR_MAX;
                b = le("Jefe"); // "JefeVMJefeVM" in EBX, ECX, EDX
                c = le("VMJe");
                d = le("feVM");
            } else if (leaf == HYPERVISOR_MAX) {
                a = (int) (VirtualClock.TSC_HZ / 1000); // TSC frequency in kHz
            }
        } else {
            if (Integer.compareUnsigned(leaf, 0x8000_0000) >= 0 ? Integer.compareUnsigned(leaf, MAX_EXTENDED) > 0
                    : leaf > MAX_BASIC) {
                leaf = MAX_BASIC;
            }
            switch (leaf) {
                case 0 -> {
                    a = MAX_BASIC;
                    b = le("Genu");
                    d = le("ineI");
                    c = le("ntel");
                }
                case 1 -> {
                    a = SIGNATURE;
                    b = (8 << 8) | (1 << 16); // CLFLUSH line 8*8 = 64 bytes, one logical processor, APIC ID 0
                    c = ECX1_SSE3 | ECX1_SSSE3 | ECX1_CX16 | ECX1_SSE41 | ECX1_SSE42 | ECX1_X2APIC | ECX1_MOVBE
                            | ECX1_POPCNT | ECX1_TSC_DEADLINE | ECX1_HYPERVISOR;
                    d = EDX1_FPU | EDX1_DE | EDX1_TSC | EDX1_MSR | EDX1_PAE | EDX1_CX8 | EDX1_MTRR | EDX1_PGE | EDX1_CMOV | EDX1_PAT
                            | EDX1_CLFSH | EDX1_MMX | EDX1_FXSR | EDX1_SSE | EDX1_SSE2;
                    if ((s.apicBase & (1L << 11)) != 0) {
                        d |= EDX1_APIC; // SDM Vol.3 11.4.3: the flag follows IA32_APIC_BASE.EN
                    }
                }
                case 2 -> a = 0xFF01; // one round; descriptor 0xFF: "use leaf 4 for cache parameters"
                case 4 -> {
                    // Deterministic cache parameters: L1d 32K 8-way, L1i 32K 8-way, L2 256K 8-way, 64-byte lines.
                    switch (subleaf) {
                        case 0 -> { a = cacheEax(1, 1); b = cacheEbx(8); c = 63; }
                        case 1 -> { a = cacheEax(2, 1); b = cacheEbx(8); c = 63; }
                        case 2 -> { a = cacheEax(3, 2); b = cacheEbx(8); c = 511; }
                        default -> { }
                    }
                }
                case 7 -> {
                    if (subleaf == 0) {
                        b = EBX7_FSGSBASE | EBX7_BMI1 | EBX7_BMI2 | EBX7_ERMS | EBX7_ADX;
                    }
                }
                case 0xB -> {
                    // Extended topology (SDM Vol.2 CPUID leaf 0BH): one thread, one core; EDX = x2APIC ID 0.
                    if (subleaf == 0 || subleaf == 1) {
                        b = 1; // logical processors at this level
                        c = subleaf | (subleaf + 1) << 8; // level type 1 = SMT, 2 = core
                    } else {
                        c = subleaf & 0xFF; // level type 0: no more levels
                    }
                }
                case 0x15 -> {
                    // TSC / crystal ratio EBX/EAX = 1 with a 1 GHz "crystal": the TSC runs at TSC_HZ.
                    a = 1;
                    b = 1;
                    c = (int) VirtualClock.TSC_HZ;
                }
                case 0x16 -> {
                    int mhz = (int) (VirtualClock.TSC_HZ / 1_000_000); // base, maximum and bus clocks in MHz
                    a = mhz;
                    b = mhz;
                    c = mhz;
                }
                case 0x8000_0000 -> a = MAX_EXTENDED;
                case 0x8000_0001 -> {
                    c = ECX81_LAHF | ECX81_ABM;
                    d = EDX81_SYSCALL | EDX81_NX | EDX81_PAGE1GB | EDX81_RDTSCP | EDX81_LM;
                }
                case 0x8000_0002, 0x8000_0003, 0x8000_0004 -> {
                    int base = (leaf - 0x8000_0002) * 4;
                    a = BRAND[base];
                    b = BRAND[base + 1];
                    c = BRAND[base + 2];
                    d = BRAND[base + 3];
                }
                case 0x8000_0006 -> c = (256 << 16) | (6 << 12) | 64; // L2: 256 KiB, 8-way (code 6), 64-byte lines
                case 0x8000_0007 -> d = 1 << 8; // invariant TSC
                case 0x8000_0008 -> a = (48 << 8) | Mmu.MAX_PHYS_BITS;
                default -> { } // 3, 5, 6, 8-0xA, 0xC-0x14, 0x80000005: nothing to report
            }
        }
        s.gpr[CpuState.RAX] = a & 0xFFFF_FFFFL;
        s.gpr[CpuState.RBX] = b & 0xFFFF_FFFFL;
        s.gpr[CpuState.RCX] = c & 0xFFFF_FFFFL;
        s.gpr[CpuState.RDX] = d & 0xFFFF_FFFFL;
    }

    private static int cacheEax(int type, int level) {
        return type | (level << 5) | (1 << 8); // self-initializing; one thread and one core share it
    }

    private static int cacheEbx(int ways) {
        return (ways - 1) << 22 | 63; // one partition, 64-byte line
    }

    private static int le(String four) {
        return four.charAt(0) | four.charAt(1) << 8 | four.charAt(2) << 16 | four.charAt(3) << 24;
    }

    private static int[] brand(String name) {
        int[] words = new int[12]; // 48 bytes, NUL padded
        for (int i = 0; i < name.length() && i < 47; i++) {
            words[i / 4] |= (name.charAt(i) & 0xFF) << (8 * (i % 4));
        }
        return words;
    }
}
