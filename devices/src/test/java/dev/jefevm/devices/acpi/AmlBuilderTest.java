package dev.jefevm.devices.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The AML encoder against the byte encodings of ACPI 6.5 chapter 20 and the descriptors of 6.4. */
class AmlBuilderTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] emit(AmlBuilder.Term term) {
        return new AmlBuilder().term(term).toBytes();
    }

    @Test
    void pkgLength_upTo63_isOneByteCountingItself() {
        assertArrayEquals(bytes(0x01), AmlBuilder.pkgLength(0));
        assertArrayEquals(bytes(0x3F), AmlBuilder.pkgLength(62));
    }

    @Test
    void pkgLength_from63_isTwoBytesWithLowNibbleInTheLeadByte() {
        // 63 content bytes + 2 length bytes = 65 = 0x41: lead 0x40 | 0x1, then 0x41 >> 4 = 0x04
        assertArrayEquals(bytes(0x41, 0x04), AmlBuilder.pkgLength(63));
        assertArrayEquals(bytes(0x4F, 0xFF), AmlBuilder.pkgLength(0xFFF - 2));
    }

    @Test
    void pkgLength_beyond4095_isThreeBytes() {
        // 0xFFE + 3 = 0x1001: lead 0x80 | 0x1, then 0x00, 0x01
        assertArrayEquals(bytes(0x81, 0x00, 0x01), AmlBuilder.pkgLength(0xFFE));
    }

    @Test
    void pkgLength_beyondOneMebibyte_isFourBytes_andTheLimitIs2To28() {
        // 0x100000 + 4 = 0x100004: lead 0xC0 | 0x4, then 0x00, 0x00, 0x01
        assertArrayEquals(bytes(0xC4, 0x00, 0x00, 0x01), AmlBuilder.pkgLength(0x10_0000));
        assertThrows(IllegalArgumentException.class, () -> AmlBuilder.pkgLength(1 << 28));
    }

    @Test
    void integer_usesTheSmallestEncoding() {
        assertArrayEquals(bytes(0x00), emit(Aml.integer(0)));
        assertArrayEquals(bytes(0x01), emit(Aml.integer(1)));
        assertArrayEquals(bytes(0xFF), emit(Aml.integer(-1)));
        assertArrayEquals(bytes(0x0A, 0x02), emit(Aml.integer(2)));
        assertArrayEquals(bytes(0x0A, 0xFF), emit(Aml.integer(0xFF)));
        assertArrayEquals(bytes(0x0B, 0x00, 0x01), emit(Aml.integer(0x100)));
        assertArrayEquals(bytes(0x0C, 0xFF, 0xFF, 0x01, 0x00), emit(Aml.integer(0x1FFFF)));
        assertArrayEquals(bytes(0x0E, 0, 0, 0, 0, 1, 0, 0, 0), emit(Aml.integer(1L << 32)));
    }

    @Test
    void eisaId_compressesLettersAndDigits() {
        assertEquals(0x030AD041L, Aml.eisaIdValue("PNP0A03"));
        assertEquals(0x0F0CD041L, Aml.eisaIdValue("PNP0C0F"));
        assertArrayEquals(bytes(0x0C, 0x41, 0xD0, 0x0A, 0x03), emit(Aml.eisaId("PNP0A03")));
        assertThrows(IllegalArgumentException.class, () -> Aml.eisaIdValue("pnp0a03"));
    }

    @Test
    void string_isPrefixedAndNulTerminated() {
        assertArrayEquals(bytes(0x0D, 'J', 'V', 0x00), emit(Aml.string("JV")));
    }

    @Test
    void nameString_padsSegmentsAndPrefixesPaths() {
        assertArrayEquals(bytes('I', 'S', 'A', '_'), AmlBuilder.nameString("ISA"));
        assertArrayEquals(bytes('\\', '_', 'S', 'B', '_'), AmlBuilder.nameString("\\_SB"));
        assertArrayEquals(bytes('^', 'L', 'N', 'K', 'A'), AmlBuilder.nameString("^LNKA"));
        assertArrayEquals(bytes(0x2E, 'P', 'C', 'I', '0', 'I', 'S', 'A', '_'), AmlBuilder.nameString("PCI0.ISA"));
        assertArrayEquals(bytes('\\', 0x2F, 3, '_', 'S', 'B', '_', 'P', 'C', 'I', '0', 'I', 'S', 'A', '_'),
                AmlBuilder.nameString("\\_SB.PCI0.ISA"));
        assertThrows(IllegalArgumentException.class, () -> AmlBuilder.nameString("0ABC"));
    }

    @Test
    void nameOfPackage_matchesTheS5Encoding() {
        byte[] aml = new AmlBuilder().name("_S5_", Aml.pkg(Aml.integer(5), Aml.integer(5), Aml.integer(0),
                Aml.integer(0))).toBytes();

        assertArrayEquals(bytes(0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0A, 5, 0x0A, 5, 0, 0), aml);
    }

    @Test
    void deviceAndMethod_carryExtOpPrefixPkgLengthAndFlags() {
        byte[] aml = new AmlBuilder().device("DEV", d -> d.method("_STA", 0, m -> m.returnValue(Aml.integer(0x0F))))
                .toBytes();

        assertArrayEquals(bytes(0x5B, 0x82, 0x0F, 'D', 'E', 'V', '_',
                0x14, 0x09, '_', 'S', 'T', 'A', 0x00, 0xA4, 0x0A, 0x0F), aml);
    }

    @Test
    void scopeStoreAndIf_encodeOperandsInPrefixOrder() {
        byte[] aml = new AmlBuilder().scope("\\", s -> s.ifThen(Aml.lNot(Aml.arg(0)),
                t -> t.store(Aml.integer(1), Aml.local(0)))).toBytes();

        assertArrayEquals(bytes(0x10, 0x0A, '\\', 0x00, 0xA0, 0x06, 0x92, 0x68, 0x70, 0x01, 0x60), aml);
    }

    @Test
    void operationRegionAndField_encodeSpaceOffsetAndWidths() {
        byte[] aml = new AmlBuilder()
                .operationRegion("PIRQ", AmlBuilder.REGION_PCI_CONFIG, 0x60, 4)
                .field("PIRQ", AmlBuilder.FIELD_BYTE_ACC_NO_LOCK_PRESERVE, new String[] {"PRQA", "PRQB"},
                        new int[] {8, 8})
                .toBytes();

        assertArrayEquals(bytes(0x5B, 0x80, 'P', 'I', 'R', 'Q', 0x02, 0x0A, 0x60, 0x0A, 0x04,
                0x5B, 0x81, 0x10, 'P', 'I', 'R', 'Q', 0x01, 'P', 'R', 'Q', 'A', 0x08, 'P', 'R', 'Q', 'B', 0x08), aml);
    }

    @Test
    void buffer_carriesItsSizeAsAnInteger() {
        assertArrayEquals(bytes(0x11, 0x05, 0x0A, 0x02, 0x79, 0x00), emit(Aml.buffer(bytes(0x79, 0x00))));
    }

    @Test
    void resourceTemplate_ioAndIrqNoFlags_areSmallDescriptorsEndedByEndTag() {
        byte[] r = new ResourceTemplate().io(0x3F8, 8).irqNoFlags(4).toBytes();

        assertArrayEquals(bytes(0x47, 0x01, 0xF8, 0x03, 0xF8, 0x03, 0x01, 0x08, 0x22, 0x10, 0x00, 0x79, 0x00), r);
    }

    @Test
    void resourceTemplate_linkIrq_isLevelActiveLowShared() {
        assertArrayEquals(bytes(0x23, 0x20, 0x0E, 0x18, 0x79, 0x00),
                new ResourceTemplate().irqLevelActiveLowShared(5, 9, 10, 11).toBytes());
    }

    @Test
    void resourceTemplate_largeDescriptors_haveTheirSpecifiedLengths() {
        byte[] memory = new ResourceTemplate().memory32Fixed(true, 0xFED0_0000L, 0x400).toBytes();
        byte[] bus = new ResourceTemplate().wordBusNumber(0, 0xFF).toBytes();
        byte[] window = new ResourceTemplate().dwordMemory(0x8000_0000L, 0xFEBF_FFFFL).toBytes();

        assertArrayEquals(bytes(0x86, 9, 0, 1, 0, 0, 0xD0, 0xFE, 0x00, 0x04, 0, 0, 0x79, 0), memory);
        assertArrayEquals(bytes(0x88, 13, 0, 2, 0x0C, 0, 0, 0, 0, 0, 0xFF, 0, 0, 0, 0x00, 0x01, 0x79, 0), bus);
        assertEquals(3 + 23 + 2, window.length);
        assertArrayEquals(bytes(0x87, 23, 0, 0, 0x0C, 0x01), java.util.Arrays.copyOf(window, 6));
        // length field: 0xFEBFFFFF - 0x80000000 + 1 = 0x7EC00000
        assertArrayEquals(bytes(0x00, 0x00, 0xC0, 0x7E), java.util.Arrays.copyOfRange(window, 22, 26));
    }
}
