package dev.jefevm.core.cpu.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RDMSR/WRMSR routing: the board's own MSRs (its local APIC) go to the platform, the rest to the CPU's table. */
class MsrsTest {

    /** A board that owns IA32_APIC_BASE, IA32_TSC_DEADLINE and the x2APIC range, storing them in a map. */
    private static final class ApicBoard implements Platform {
        final VirtualClock clock = VirtualClock.deterministic();
        final Map<Integer, Long> msrs = new HashMap<>(Map.of(Msrs.APIC_BASE, 0xFEE0_0900L));

        @Override
        public boolean ownsMsr(int msr) {
            return msr == Msrs.APIC_BASE || msr == 0x6E0 || (msr >= 0x800 && msr <= 0x8FF);
        }

        @Override
        public long readMsr(int msr) {
            Long v = msrs.get(msr);
            if (v == null) {
                throw CpuFault.gp(0);
            }
            return v;
        }

        @Override
        public void writeMsr(int msr, long value) {
            if (msr == 0x802) {
                throw CpuFault.gp(0); // x2APIC ID is read-only
            }
            msrs.put(msr, value);
        }

        @Override
        public int ioRead(int port, int size) {
            return -1;
        }

        @Override
        public void ioWrite(int port, int size, int value) {
        }

        @Override
        public boolean interruptPending() {
            return false;
        }

        @Override
        public int acknowledgeInterrupt() {
            return 0;
        }

        @Override
        public VirtualClock clock() {
            return clock;
        }

        @Override
        public void requestStop(StopReason reason, String detail) {
        }
    }

    private final ApicBoard board = new ApicBoard();
    private final Cpu cpu = new Cpu(new CpuState(), new PhysicalMemory(1 << 20), board);

    @Test
    void write_tscDeadlineOwnedByBoard_reachesThePlatform() {
        Msrs.write(cpu, 0x6E0, 123_456);

        assertAll(() -> assertEquals(123_456L, board.msrs.get(0x6E0)), () -> assertEquals(123_456L, Msrs.read(cpu, 0x6E0)));
    }

    @Test
    void read_x2apicRegister_answersFromThePlatform() {
        board.msrs.put(0x803, 0x0005_0014L); // x2APIC version register

        assertEquals(0x0005_0014L, Msrs.read(cpu, 0x803));
    }

    @Test
    void write_boardRejectsTheAccess_faultsWithGp() {
        CpuFault f = assertThrows(CpuFault.class, () -> Msrs.write(cpu, 0x802, 1));

        assertEquals(CpuFault.GP, f.vector);
    }

    @Test
    void write_apicBaseOwnedByBoard_mirrorsEnableBitForCpuid() {
        Msrs.write(cpu, Msrs.APIC_BASE, 0xFEE0_0100L); // EN clear: the APIC is disabled

        Cpuid.execute(withLeaf(cpu.state, 1));

        assertAll(() -> assertEquals(0xFEE0_0100L, board.msrs.get(Msrs.APIC_BASE)),
                () -> assertEquals(0xFEE0_0100L, cpu.state.apicBase),
                () -> assertEquals(0, cpu.state.gpr[CpuState.RDX] & (1 << 9)));
    }

    @Test
    void readWrite_msrNotOwnedByBoard_usesTheCpuTable() {
        long pat = 0x0007_0406_0007_0406L;

        Msrs.write(cpu, Msrs.PAT, pat);

        assertAll(() -> assertEquals(pat, cpu.state.pat), () -> assertEquals(pat, Msrs.read(cpu, Msrs.PAT)),
                () -> assertEquals(null, board.msrs.get(Msrs.PAT)));
    }

    private static CpuState withLeaf(CpuState s, int leaf) {
        s.gpr[CpuState.RAX] = leaf;
        s.gpr[CpuState.RCX] = 0;
        return s;
    }
}
