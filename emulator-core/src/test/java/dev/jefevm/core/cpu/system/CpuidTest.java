package dev.jefevm.core.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CpuidTest {

    private final CpuState s = new CpuState();

    private void cpuid(long leaf, long subleaf) {
        s.gpr[CpuState.RAX] = leaf;
        s.gpr[CpuState.RCX] = subleaf;
        Cpuid.execute(s);
    }

    private String text(int... regs) {
        ByteBuffer b = ByteBuffer.allocate(4 * regs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int r : regs) {
            b.putInt((int) s.gpr[r]);
        }
        return new String(b.array(), StandardCharsets.US_ASCII).replace("\0", "");
    }

    @Test
    void leaf0_reportsGenuineIntelAndMaxLeaf() {
        cpuid(0, 0);

        assertEquals("GenuineIntel", text(CpuState.RBX, CpuState.RDX, CpuState.RCX));
        assertEquals(Cpuid.MAX_BASIC, s.gpr[CpuState.RAX]);
    }

    @Test
    void leaf1_advertisesImplementedFeaturesAndHypervisor() {
        cpuid(1, 0);

        long ecx = s.gpr[CpuState.RCX];
        long edx = s.gpr[CpuState.RDX];
        assertEquals(6, (s.gpr[CpuState.RAX] >>> 8) & 0xF);
        assertEquals(1L << 31, ecx & (1L << 31)); // hypervisor
        assertEquals(0, ecx & (1 << 27)); // OSXSAVE clear
        assertEquals(1, ecx & 1); // SSE3 (x86-64-v2; CpuidFeatureTest checks the rest)
        assertEquals(1, edx & 1); // x87 FPU
        long wanted = (1 << 4) | (1 << 5) | (1 << 6) | (1 << 8) | (1 << 9) | (1 << 13) | (1 << 15) | (1 << 16)
                | (1 << 19) | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26); // ... CLFSH, MMX, FXSR, SSE, SSE2
        assertEquals(wanted, edx & wanted);
    }

    @Test
    void leaf1_apicBitFollowsApicBaseEnable() {
        s.apicBase &= ~(1L << 11);

        cpuid(1, 0);

        assertEquals(0, s.gpr[CpuState.RDX] & (1 << 9));
    }

    @Test
    void hypervisorLeaves_identifyJefeVmAndTscFrequency() {
        cpuid(0x4000_0000L, 0);
        String signature = text(CpuState.RBX, CpuState.RCX, CpuState.RDX);
        long max = s.gpr[CpuState.RAX];

        cpuid(0x4000_0010L, 0);

        assertEquals("JefeVMJefeVM", signature);
        assertEquals(0x4000_0010L, max);
        assertEquals(1_000_000L, s.gpr[CpuState.RAX]);
    }

    @Test
    void brandString_namesTheVirtualCpu() {
        StringBuilder brand = new StringBuilder();
        for (long leaf = 0x8000_0002L; leaf <= 0x8000_0004L; leaf++) {
            cpuid(leaf, 0);
            brand.append(text(CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX));
        }

        assertEquals("JefeVM virtual CPU", brand.toString());
    }

    @Test
    void extendedLeaves_reportLongModeNxAndAddressSizes() {
        cpuid(0x8000_0001L, 0);
        long edx = s.gpr[CpuState.RDX];
        cpuid(0x8000_0008L, 0);

        assertEquals((1L << 29) | (1L << 20) | (1L << 11) | (1L << 27), edx & ((1L << 29) | (1L << 20) | (1L << 11) | (1L << 27)));
        assertEquals((48 << 8) | 40, s.gpr[CpuState.RAX]);
    }

    @Test
    void leafAboveMaximum_returnsHighestBasicLeaf() {
        cpuid(0x16, 0);
        long eax16 = s.gpr[CpuState.RAX];

        cpuid(0x1F, 0);

        assertEquals(eax16, s.gpr[CpuState.RAX]);
        assertEquals(1000, eax16); // base frequency in MHz
    }

    @Test
    void leaf0x15_givesTscCrystalRatioForOneGigahertz() {
        cpuid(0x15, 0);

        long tscHz = s.gpr[CpuState.RCX] * s.gpr[CpuState.RBX] / s.gpr[CpuState.RAX];
        assertEquals(1_000_000_000L, tscHz);
        assertEquals(1, s.gpr[CpuState.RAX]);
    }

    @Test
    void leaf0x16_reportsBaseMaxAndBusMegahertz() {
        cpuid(0x16, 0);

        assertEquals(1000, s.gpr[CpuState.RAX]);
        assertEquals(1000, s.gpr[CpuState.RBX]);
        assertEquals(1000, s.gpr[CpuState.RCX]);
    }

    @Test
    void leaf0xB_describesOneThreadOnOneCoreWithX2apicIdZero() {
        cpuid(0xB, 0);
        long smt = s.gpr[CpuState.RCX];
        long threads = s.gpr[CpuState.RBX];
        cpuid(0xB, 1);
        long core = s.gpr[CpuState.RCX];
        cpuid(0xB, 2);

        assertEquals(1 << 8, smt); // level 0, type SMT
        assertEquals(1, threads);
        assertEquals(1 | 2 << 8, core); // level 1, type core
        assertEquals(2, s.gpr[CpuState.RCX]); // level 2, type invalid: the end of the list
        assertEquals(0, s.gpr[CpuState.RBX]);
        assertEquals(0, s.gpr[CpuState.RDX]); // x2APIC ID
    }

    @Test
    void cpuid_zeroExtendsIntoUpperHalves() {
        s.gpr[CpuState.RBX] = -1;

        cpuid(0, 0);

        assertEquals(0, s.gpr[CpuState.RBX] >>> 32);
    }
}
