package dev.jefevm.devices.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MadtTest {

    private final byte[] table = Madt.forPc(0, LocalApic.DEFAULT_BASE, 1, IoApic.DEFAULT_BASE, 9);
    private final ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);

    /** The interrupt controller structures as (offset) list, walked by their length bytes. */
    private List<Integer> structures() {
        List<Integer> offsets = new ArrayList<>();
        for (int o = 44; o < table.length; o += table[o + 1] & 0xFF) {
            offsets.add(o);
        }
        return offsets;
    }

    @Test
    void header_hasSignatureRevisionLengthAndZeroChecksum() {
        int sum = 0;
        for (byte x : table) {
            sum += x;
        }

        assertEquals("APIC", new String(table, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(table.length, b.getInt(4));
        assertEquals(5, table[8]);
        assertEquals(0, sum & 0xFF);
    }

    @Test
    void body_carriesLocalApicAddressAndPcatCompat() {
        assertEquals(0xFEE0_0000, b.getInt(36));
        assertEquals(Madt.PCAT_COMPAT, b.getInt(40));
    }

    @Test
    void structures_describeOneCpuOneIoApicTwoOverridesAndLint1Nmi() {
        List<Integer> s = structures();

        assertEquals(5, s.size());
        int cpu = s.get(0);
        assertEquals(List.of(0, 8, 0, 0, 1), List.of((int) table[cpu], (int) table[cpu + 1], (int) table[cpu + 2],
                (int) table[cpu + 3], b.getInt(cpu + 4)));
        int io = s.get(1);
        assertEquals(List.of(1, 12, 1), List.of((int) table[io], (int) table[io + 1], (int) table[io + 2]));
        assertEquals(0xFEC0_0000, b.getInt(io + 4));
        assertEquals(0, b.getInt(io + 8));
        int timer = s.get(2);
        assertEquals(List.of(2, 10, 0, 0, 2, 0x5), List.of((int) table[timer], (int) table[timer + 1],
                (int) table[timer + 2], (int) table[timer + 3], b.getInt(timer + 4), (int) b.getShort(timer + 8)));
        int sci = s.get(3);
        assertEquals(List.of(9, 9, 0xF), List.of((int) table[sci + 3], b.getInt(sci + 4), (int) b.getShort(sci + 8)));
        int nmi = s.get(4);
        assertEquals(List.of(4, 6, 0xFF, 0x5, 1), List.of((int) table[nmi], (int) table[nmi + 1],
                table[nmi + 2] & 0xFF, (int) b.getShort(nmi + 3), (int) table[nmi + 5]));
    }
}
