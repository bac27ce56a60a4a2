package dev.jefevm.loader.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ElfParserTest {

    private static byte[] goodKernel() {
        return ElfBuilder.kernel(new byte[] {1, 2, 3}, new byte[] {4}, new byte[] {5, 6}, 0x800).build();
    }

    private static String rejection(byte[] image) {
        return assertThrows(ElfFormatException.class, () -> ElfParser.parse(image)).getMessage();
    }

    @Test
    void parse_validKernel_returnsEntryAndSegmentsInAddressOrder() throws ElfFormatException {
        byte[] image = new ElfBuilder()
                .load(LoadSegment.PF_R | LoadSegment.PF_W, ElfBuilder.DATA, new byte[] {9}, 0x100)
                .load(LoadSegment.PF_R | LoadSegment.PF_X, ElfBuilder.TEXT, new byte[] {1, 2}, 2)
                .entry(ElfBuilder.TEXT + 1).build();

        ElfImage elf = ElfParser.parse(image);

        assertEquals(ElfBuilder.TEXT + 1, elf.entryPoint());
        assertEquals(2, elf.segments().size());
        assertEquals(ElfBuilder.TEXT, elf.lowestAddress());
        assertEquals(ElfBuilder.DATA + 0x100, elf.highestEnd());
        assertTrue(elf.segments().get(0).executable());
        assertTrue(elf.segments().get(1).writable());
    }

    @Test
    void parse_badMagic_isNotAnElfFile() {
        assertEquals("not an ELF file (bad magic)", rejection("hello, world".getBytes()));
    }

    @Test
    void parse_emptyInput_isNotAnElfFile() {
        assertEquals("not an ELF file (bad magic)", rejection(new byte[0]));
    }

    @Test
    void parse_truncatedHeader_saysHowShort() {
        byte[] image = Arrays.copyOf(goodKernel(), 40);

        assertEquals("truncated ELF header (40 bytes, need 64)", rejection(image));
    }

    @Test
    void parse_elf32_isNotElf64() {
        assertEquals("not an ELF64 file (ELF class 1)", rejection(ElfBuilder.kernelWithData(new byte[8]).elfClass(1).build()));
    }

    @Test
    void parse_bigEndian_isRefused() {
        assertEquals("not a little-endian ELF file (data encoding 2)",
                rejection(ElfBuilder.kernelWithData(new byte[8]).dataEncoding(2).build()));
    }

    @Test
    void parse_unknownVersion_isRefused() {
        assertEquals("unsupported ELF version 7", rejection(ElfBuilder.kernelWithData(new byte[8]).version(7).build()));
    }

    @Test
    void parse_otherMachine_isNotX86_64() {
        assertEquals("not an x86_64 ELF file (e_machine 183)",
                rejection(ElfBuilder.kernelWithData(new byte[8]).machine(183).build()));
    }

    @Test
    void parse_positionIndependentKernel_isRefusedWithAdvice() {
        String message = rejection(ElfBuilder.kernelWithData(new byte[8]).type(3).build());

        assertTrue(message.startsWith("position-independent (ET_DYN) kernels are not supported"), message);
    }

    @Test
    void parse_relocatableObject_isNotAnExecutable() {
        assertEquals("not an executable ELF file (e_type 1)", rejection(ElfBuilder.kernelWithData(new byte[8]).type(1).build()));
    }

    @Test
    void parse_wrongProgramHeaderSize_isRefused() {
        assertEquals("program header size 32, expected 56",
                rejection(ElfBuilder.kernelWithData(new byte[8]).phentsize(32).build()));
    }

    @Test
    void parse_noProgramHeaders_isRefused() {
        assertEquals("no program headers", rejection(new ElfBuilder().build()));
    }

    @Test
    void parse_programHeaderTableBeyondFile_isTruncated() {
        byte[] image = goodKernel();
        ElfBuilder.putLong(image, 32, image.length - 8);

        assertTrue(rejection(image).startsWith("truncated program header table"));
    }

    @Test
    void parse_segmentBytesBeyondFile_isTruncated() {
        byte[] image = goodKernel();
        ElfBuilder.putLong(image, ElfBuilder.programHeaderField(1, 8), image.length);

        assertEquals("segment 1 is truncated: 0x1 bytes at offset 0x" + Integer.toHexString(image.length)
                + " lie beyond the " + image.length + "-byte file", rejection(image));
    }

    @Test
    void parse_segmentOffsetNearTwoToThe64_isTruncatedNotOverflowed() {
        byte[] image = goodKernel();
        ElfBuilder.putLong(image, ElfBuilder.programHeaderField(0, 8), -2L);

        assertTrue(rejection(image).startsWith("segment 0 is truncated"));
    }

    @Test
    void parse_pureBssSegmentWithOffsetPastEnd_isAccepted() throws ElfFormatException {
        byte[] image = ElfBuilder.kernel(new byte[] {1}, new byte[] {2}, new byte[0], 0x3000).build();
        ElfBuilder.putLong(image, ElfBuilder.programHeaderField(2, 8), image.length + 0x1000L);

        assertEquals(0x3000, ElfParser.parse(image).segments().get(2).memorySize());
    }

    @Test
    void parse_fileSizeAboveMemorySize_isRefused() {
        byte[] image = ElfBuilder.kernel(new byte[] {1}, new byte[] {2}, new byte[] {1, 2, 3, 4}, 2).build();

        assertEquals("segment 2: file size 0x4 exceeds memory size 0x2", rejection(image));
    }

    @Test
    void parse_lowerHalfSegment_isRefused() {
        byte[] image = new ElfBuilder().load(LoadSegment.PF_R | LoadSegment.PF_X, 0x100000, new byte[4], 4)
                .entry(0x100000).build();

        assertEquals("segment 0 at 0x100000 is below the higher half (Limine kernels load at or above 0xffffffff80000000)",
                rejection(image));
    }

    @Test
    void parse_segmentPastTopOfAddressSpace_isRefused() {
        byte[] image = new ElfBuilder().load(LoadSegment.PF_R | LoadSegment.PF_X, -0x1000L, new byte[4], 0x2000)
                .entry(-0x1000L).build();

        assertTrue(rejection(image).endsWith("runs past the top of the address space"));
    }

    @Test
    void parse_segmentsOverlappingVirtually_areRefused() {
        byte[] image = new ElfBuilder()
                .load(LoadSegment.PF_R | LoadSegment.PF_X, ElfBuilder.TEXT, new byte[16], 0x2000)
                .segment(new ElfBuilder.Segment(1, LoadSegment.PF_R, ElfBuilder.TEXT + 0x1000, 0x9000_0000L, new byte[4], 4, 0x1000))
                .build();

        assertEquals("segment 1 overlaps segment 0", rejection(image));
    }

    @Test
    void parse_segmentsOverlappingPhysically_areRefused() {
        byte[] image = new ElfBuilder()
                .segment(new ElfBuilder.Segment(1, LoadSegment.PF_R | LoadSegment.PF_X, ElfBuilder.TEXT, 0x200000, new byte[4], 0x1000, 0x1000))
                .segment(new ElfBuilder.Segment(1, LoadSegment.PF_R, ElfBuilder.DATA, 0x200800, new byte[4], 4, 0x1000))
                .build();

        assertEquals("segment 1 overlaps segment 0 in physical address space", rejection(image));
    }

    @Test
    void parse_segmentsSharingAPageButNoBytes_areAccepted() throws ElfFormatException {
        byte[] image = new ElfBuilder()
                .load(LoadSegment.PF_R | LoadSegment.PF_X, ElfBuilder.TEXT, new byte[16], 16)
                .load(LoadSegment.PF_R, ElfBuilder.TEXT + 16, new byte[16], 16)
                .build();

        assertEquals(2, ElfParser.parse(image).segments().size());
    }

    @Test
    void parse_onlyNonLoadSegments_hasNothingToLoad() {
        byte[] image = new ElfBuilder().segment(new ElfBuilder.Segment(4, 4, 0, 0, new byte[4], 4, 4)).build();

        assertEquals("no loadable (PT_LOAD) segments", rejection(image));
    }

    @Test
    void parse_alignmentNotPowerOfTwo_isRefused() {
        byte[] image = new ElfBuilder()
                .segment(new ElfBuilder.Segment(1, LoadSegment.PF_R | LoadSegment.PF_X, ElfBuilder.TEXT, ElfBuilder.TEXT, new byte[4], 4, 0x3000))
                .build();

        assertEquals("segment 0: alignment 0x3000 is not a power of two", rejection(image));
    }

    @Test
    void parse_entryOutsideSegments_isRefused() {
        byte[] image = ElfBuilder.kernelWithData(new byte[8]).entry(0xFFFF_FFFF_9000_0000L).build();

        assertEquals("entry point 0xffffffff90000000 is outside every loadable segment", rejection(image));
    }

    @Test
    void parse_entryInDataSegment_isRefused() {
        byte[] image = ElfBuilder.kernelWithData(new byte[8]).entry(ElfBuilder.DATA).build();

        assertEquals("entry point 0xffffffff80002000 lies in non-executable segment 2", rejection(image));
    }
}
