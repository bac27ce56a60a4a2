package dev.jefevm.linuxuser.elf;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.linuxuser.LinuxUserException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfImageTest {

    /** A minimal ELF64 x86_64 executable: header, one program header of {@code ptype}, 0x100 bytes of code. */
    static byte[] elf(int type, int machine, int ptype) {
        ByteBuffer b = ByteBuffer.allocate(0x200).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1).putLong(24, 0x401000)
                .putLong(32, 64).putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1);
        b.putInt(64, ptype).putInt(68, 5).putLong(72, 0).putLong(80, 0x400000).putLong(88, 0x400000)
                .putLong(96, 0x200).putLong(104, 0x2000).putLong(112, 0x1000);
        return b.array();
    }

    @Test
    void parse_staticExecutable_givesEntryAndSegment() throws Exception {
        ElfImage image = ElfImage.parse("p", elf(2, 62, 1));

        assertAll(() -> assertEquals(0x401000, image.entry), () -> assertFalse(image.positionIndependent),
                () -> assertEquals(1, image.segments.size()),
                () -> assertEquals(0x400000, image.segments.get(0).vaddr()),
                () -> assertEquals(0x2000, image.segments.get(0).memSize()));
    }

    @Test
    void parse_staticPie_isPositionIndependent() throws Exception {
        assertTrue(ElfImage.parse("p", elf(3, 62, 1)).positionIndependent);
    }

    @Test
    void parse_notElf_isRejected() {
        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", new byte[100]));

        assertEquals("p: not an ELF file", e.getMessage());
    }

    @Test
    void parse_otherMachine_isRejected() {
        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", elf(2, 183, 1)));

        assertTrue(e.getMessage().contains("not an x86_64 ELF"), e.getMessage());
    }

    @Test
    void parse_interpreter_isRecordedForTheLoader() throws Exception {
        byte[] b = elf(2, 62, 1);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(56, (short) 2);
        bb.putInt(120, 3).putLong(128, 0x180).putLong(152, 11);
        bb.put(0x180, "/lib/ld.so\0".getBytes());

        ElfImage image = ElfImage.parse("p", b);

        assertEquals("/lib/ld.so", image.interpreter);
    }

    @Test
    void parse_staticProgram_hasNoInterpreter() throws Exception {
        assertNull(ElfImage.parse("p", elf(2, 62, 1)).interpreter);
    }

    @Test
    void parse_segmentBeyondFile_saysItLiesPastTheEnd() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(96, 0x10000);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: segment 0 lies past the end of the file (truncated?)", e.getMessage());
    }

    @Test
    void parse_headerTableBeyondFile_saysItLiesPastTheEnd() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 100);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: program headers lie past the end of the file (truncated?)", e.getMessage());
    }

    @Test
    void read_directory_saysItIsADirectory(@TempDir Path dir) {
        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.read(dir));

        assertEquals(dir + ": is a directory", e.getMessage());
    }

    @Test
    void read_missingFile_saysSo(@TempDir Path dir) {
        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.read(dir.resolve("none")));

        assertEquals(dir.resolve("none") + ": no such file", e.getMessage());
    }

    @Test
    void parse_truncatedHeader_saysTruncated() {
        byte[] b = java.util.Arrays.copyOf(elf(2, 62, 1), 40);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: truncated ELF header (40 bytes)", e.getMessage());
    }

    @Test
    void parse_fileCutInsideTheProgramHeaders_saysTheyLiePastTheEnd() {
        byte[] b = java.util.Arrays.copyOf(elf(2, 62, 1), 100);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: program headers lie past the end of the file (truncated?)", e.getMessage());
    }

    @Test
    void parse_headerOffsetNearLongMax_isRejectedWithoutOverflow() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(32, Long.MAX_VALUE - 8);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: program headers lie past the end of the file (truncated?)", e.getMessage());
    }

    @Test
    void parse_segmentFileOffsetNearLongMax_isRejectedWithoutOverflow() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(72, Long.MAX_VALUE - 0xFFF);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: segment 0 lies past the end of the file (truncated?)", e.getMessage());
    }

    @Test
    void parse_segmentInTheKernelHalf_isOutsideUserSpace() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 0xFFFF_8000_0000_1000L)
                .putLong(80, 0xFFFF_8000_0000_0000L);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertTrue(e.getMessage().startsWith("p: segment 0 at 0xffff800000000000 size 0x2000 is outside user space"),
                e.getMessage());
    }

    @Test
    void parse_segmentReachingTheNonCanonicalHole_isOutsideUserSpace() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 0x7FFF_FFFF_F000L)
                .putLong(80, 0x7FFF_FFFF_F000L);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertTrue(e.getMessage().contains("is outside user space"), e.getMessage());
    }

    @Test
    void parse_hugeMemorySizeThatWouldWrapAround_isOutsideUserSpace() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(104, Long.MAX_VALUE);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertTrue(e.getMessage().contains("is outside user space"), e.getMessage());
    }

    @Test
    void parse_pieSpanningMoreThanItsRegion_isOutsideUserSpace() {
        byte[] b = elf(3, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(104, 1L << 40);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertTrue(e.getMessage().contains("is outside user space"), e.getMessage());
    }

    @Test
    void parse_entryOutsideEverySegment_isRejected() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 0x900000);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: entry point 0x900000 is outside every segment", e.getMessage());
    }

    @Test
    void parse_interpreterPathOffsetNearLongMax_isRejectedWithoutOverflow() {
        byte[] b = elf(2, 62, 1);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(56, (short) 2);
        bb.putInt(120, 3).putLong(128, Long.MAX_VALUE - 4).putLong(152, 11);

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> ElfImage.parse("p", b));

        assertEquals("p: malformed program header 1", e.getMessage());
    }

    @Test
    void read_file_parsesIt(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("prog"), elf(2, 62, 1));

        assertEquals(0x401000, ElfImage.read(f).entry);
    }
}
