package dev.jefevm.devices.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.CpuFault;
import org.junit.jupiter.api.Test;

class X2ApicTest {

    static final long XAPIC = LocalApic.DEFAULT_BASE | LocalApic.BASE_BSP | LocalApic.BASE_ENABLE;
    static final long X2APIC = XAPIC | LocalApic.BASE_EXTD;

    private final VirtualClock clock = VirtualClock.deterministic();

    private LocalApic x2apic(int id) {
        LocalApic apic = new LocalApic(id, clock);
        apic.writeApicBase(X2APIC);
        apic.writeMsr(0x80F, 0x1FF);
        return apic;
    }

    @Test
    void registers_readTheSameThroughMsrsAsThroughMmio() {
        LocalApic mmio = new LocalApic(5, clock);
        LocalApic msr = x2apic(5);
        mmio.write(0xF0, 4, 0x1FF);
        int[][] writes = {{0x08, 0x35}, {0x32, 0x2_00EF}, {0x35, 0x700}, {0x37, 0xFE}, {0x3E, 0x9}, {0x38, 1234}};
        for (int[] w : writes) {
            mmio.write((long) w[0] << 4, 4, w[1]);
            msr.writeMsr(0x800 + w[0], w[1]);
        }
        mmio.deliver(LocalApic.FIXED, 0x77, true);
        msr.deliver(LocalApic.FIXED, 0x77, true);
        clock.retire(100);

        int[] compared = {0x03, 0x08, 0x0A, 0x0F, 0x27, 0x1B, 0x32, 0x35, 0x37, 0x38, 0x39, 0x3E};
        for (int index : compared) {
            assertEquals(mmio.read((long) index << 4, 4), msr.readMsr(0x800 + index), "register " + index);
        }
    }

    @Test
    void id_is32BitAndLdrIsDerivedFromIt() {
        LocalApic apic = x2apic(0x23);

        assertEquals(0x23, apic.readMsr(0x802));
        assertEquals((2L << 16) | (1 << 3), apic.readMsr(0x80D));
    }

    @Test
    void icr_isOneSixtyFourBitMsrWithDestinationInHighHalf() {
        LocalApic apic = x2apic(7);

        apic.writeMsr(0x830, (7L << 32) | 0x61);

        assertEquals((7L << 32) | 0x61, apic.readMsr(0x830));
        assertEquals(0x61, apic.acknowledge());
    }

    @Test
    void selfIpi_deliversFixedVector() {
        LocalApic apic = x2apic(0);

        apic.writeMsr(0x83F, 0x92);

        assertTrue(apic.interruptPending());
        assertEquals(0x92, apic.acknowledge());
    }

    @Test
    void absentReadOnlyAndWriteOnlyRegisters_raiseGp() {
        LocalApic apic = x2apic(0);

        assertThrows(CpuFault.class, () -> apic.readMsr(0x80E));          // no DFR
        assertThrows(CpuFault.class, () -> apic.readMsr(0x831));          // no ICR high half
        assertThrows(CpuFault.class, () -> apic.writeMsr(0x802, 1));      // ID is read-only
        assertThrows(CpuFault.class, () -> apic.readMsr(0x80B));          // EOI is write-only
        assertThrows(CpuFault.class, () -> apic.writeMsr(0x80B, 1));      // EOI takes only zero
        assertThrows(CpuFault.class, () -> apic.writeMsr(0x808, 1L << 32)); // reserved high bits
    }

    @Test
    void msrAccess_inXapicMode_raisesGp() {
        LocalApic apic = new LocalApic(0, clock);

        CpuFault fault = assertThrows(CpuFault.class, () -> apic.readMsr(0x802));

        assertEquals(CpuFault.GP, fault.vector);
    }

    @Test
    void mmio_inX2apicMode_isIgnored() {
        LocalApic apic = x2apic(0);

        apic.write(0x80, 4, 0x40);

        assertEquals(0, apic.readMsr(0x808));
        assertEquals(0, apic.read(0x80, 4));
    }

    @Test
    void apicBase_illegalTransitions_raiseGp() {
        LocalApic apic = x2apic(0);
        LocalApic disabled = new LocalApic(0, clock);
        disabled.writeApicBase(LocalApic.DEFAULT_BASE);

        assertThrows(CpuFault.class, () -> apic.writeApicBase(XAPIC));                    // x2APIC -> xAPIC
        assertThrows(CpuFault.class, () -> disabled.writeApicBase(LocalApic.DEFAULT_BASE | LocalApic.BASE_EXTD));
        assertThrows(CpuFault.class, () -> disabled.writeApicBase(X2APIC));              // disabled -> x2APIC
        assertThrows(CpuFault.class, () -> apic.writeApicBase(X2APIC | 1));              // reserved bit 0
    }
}
