package dev.jefevm.linuxuser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs and inputs that must end a run cleanly, never with a Java error: a directory, a
 * program that exhausts guest RAM, a reader that goes away, a crafted ELF with an enormous bss.
 */
class BadRunsTest {

    @TempDir
    Path dir;

    /** An ELF64 executable whose code at 0x401000 is exit(7) and whose one segment spans {@code memSize}. */
    private static byte[] exitSeven(long memSize) {
        ByteBuffer b = ByteBuffer.allocate(0x1100).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1).putLong(24, 0x401000).putLong(32, 64)
                .putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1);
        b.putInt(64, 1).putInt(68, 5).putLong(72, 0).putLong(80, 0x400000).putLong(88, 0x400000)
                .putLong(96, 0x1100).putLong(104, memSize).putLong(112, 0x1000);
        // mov eax, 60; mov edi, 7; syscall
        b.put(0x1000, new byte[] {(byte) 0xB8, 60, 0, 0, 0, (byte) 0xBF, 7, 0, 0, 0, 0x0F, 0x05});
        return b.array();
    }

    @Test
    void directory_isRejectedWithAMessage() {
        LinuxUserException e = assertThrows(LinuxUserException.class, () -> LinuxUser.builder(dir).build().run());

        assertEquals(dir + ": is a directory", e.getMessage());
    }

    @Test
    void craftedProgram_runsAndReturnsItsStatus() throws Exception {
        Path p = Files.write(dir.resolve("seven"), exitSeven(0x2000));

        assertEquals(7, LinuxUser.builder(p).memory(32L << 20).build().run());
    }

    @Test
    void segmentOfManyTerabytes_isMappedOnlyWhereTouched() throws Exception {
        Path p = Files.write(dir.resolve("seven"), exitSeven(0x5000_0000_0000L));

        assertEquals(7, LinuxUser.builder(p).memory(32L << 20).build().run());
    }

    @Test
    void programExhaustingGuestRam_isKilledLikeByTheOomKiller() throws Exception {
        TestPrograms.requireGcc();
        Path hog = TestPrograms.compile(dir, "hog");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = LinuxUser.builder(hog).memory(32L << 20).stdout(out).build().run();

        assertAll(() -> assertEquals(128 + 9, status),
                () -> assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("16 MiB\n"), out.toString()));
    }

    @Test
    void writingAfterTheReaderWentAway_killsTheProgramWithSigpipe() throws Exception {
        TestPrograms.requireGcc();
        Path yes = TestPrograms.compile(dir, "yes");
        OutputStream closedPipe = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written > 1000) {
                    throw new IOException("Broken pipe");
                }
                written += len;
            }
        };

        int status = LinuxUser.builder(yes).memory(32L << 20).stdout(closedPipe).build().run();

        assertEquals(128 + 13, status);
    }
}
