package dev.jefevm.linuxuser.fs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jefevm.linuxuser.LinuxUser;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Terminal ioctls of {@code jefevm user}: the kernel-ABI encodings of struct termios and struct
 * winsize, and a guest busybox on a real pseudo-terminal (made by util-linux {@code script}).
 */
class HostTerminalTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @Test
    void termiosEncode_laysOutFlagsLineAndControlCharsAsTheKernelStruct() {
        byte[] cc = new byte[Termios.NCCS];
        cc[0] = 3; // VINTR = ^C
        cc[18] = 0x7F;
        Termios t = new Termios(0x0500, 0x0005, 0x00BF, 0x8A3B, (byte) 1, cc);

        byte[] b = t.encode();

        assertAll(() -> assertEquals(36, b.length),
                () -> assertArrayEquals(new byte[] {0x00, 0x05, 0, 0, 0x05, 0, 0, 0, (byte) 0xBF, 0, 0, 0, 0x3B,
                        (byte) 0x8A, 0, 0, 1}, Arrays.copyOf(b, 17)),
                () -> assertEquals(3, b[17]), () -> assertEquals(0x7F, b[35]));
    }

    @Test
    void termiosDecode_ofEncodedBytesAtAnOffset_givesTheSameSettings() {
        byte[] cc = new byte[Termios.NCCS];
        Arrays.fill(cc, (byte) 0x11);
        Termios t = new Termios(-1, 0x1234_5678, 7, 0x8000_0000, (byte) 0, cc);
        byte[] buf = new byte[40];
        System.arraycopy(t.encode(), 0, buf, 4, Termios.SIZE);

        assertEquals(t, Termios.decode(buf, 4));
    }

    @Test
    void termios_withWrongNumberOfControlChars_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Termios(0, 0, 0, 0, (byte) 0, new byte[32]));
    }

    @Test
    void windowSizeEncode_isFourLittleEndianShortsRowsFirst() {
        byte[] b = new WindowSize(24, 80, 640, 0xFFFF).encode();

        assertArrayEquals(new byte[] {24, 0, 80, 0, (byte) 0x80, 2, (byte) 0xFF, (byte) 0xFF}, b);
    }

    @Test
    void windowSizeDecode_readsUnsignedValues() {
        assertEquals(new WindowSize(65535, 132, 0, 1), WindowSize.decode(new byte[] {9, -1, -1, (byte) 132, 0, 0, 0, 1, 0}, 1));
    }

    @Test
    void inMemoryStreams_areNoTerminal_soTtyFails() throws Exception {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = LinuxUser.builder(BUSYBOX).args(List.of("busybox", "sh", "-c", "tty -s && echo tty || echo notty"))
                .stdout(out).build().run();

        assertAll(() -> assertEquals("notty\n", out.toString(StandardCharsets.UTF_8)), () -> assertEquals(0, status));
    }

    @Test
    void guestOnAPseudoTerminal_seesItsSize_andRawModeIsUndoneWhenKilled() throws Exception {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux 'script' is missing: no way to make a pseudo-terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String guest = "stty size; tty -s && echo is-a-tty; stty raw -echo; kill -9 $$";
        // Logging off in the child (the test classpath's logback would print DEBUG lines into the pty).
        String jvm = "'" + java + "' --enable-native-access=ALL-UNNAMED"
                + " -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -cp '"
                + System.getProperty("java.class.path") + "' '" + GuestOnThisTerminal.class.getName() + "' sh -c '"
                + guest + "' 2>/dev/null";
        // Inside the pty: the settings before, the guest's output, the settings after.
        String session = "stty rows 30 cols 100; stty -g; " + jvm + "; echo status=$?; stty -g";
        Process p = new ProcessBuilder(SCRIPT.toString(), "-qec", session, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not finish");
        List<String> lines = output.replace("\r", "").lines().filter(l -> !l.isBlank()).toList();

        assertAll(() -> assertEquals(5, lines.size(), output),
                () -> assertEquals("30 100", lines.get(1), output),
                () -> assertEquals("is-a-tty", lines.get(2), output),
                () -> assertEquals("status=137", lines.get(3), output),
                () -> assertEquals(lines.get(0), lines.get(4), "terminal left changed: " + output));
    }

    /** Runs busybox with this JVM's own descriptors 0-2, as {@code jefevm user} does. */
    static final class GuestOnThisTerminal {
        public static void main(String[] args) throws Exception {
            List<String> argv = new java.util.ArrayList<>(List.of("busybox"));
            argv.addAll(List.of(args));
            int status = LinuxUser.builder(BUSYBOX).args(argv).stdin(new FileInputStream(FileDescriptor.in))
                    .stdout(new FileOutputStream(FileDescriptor.out)).stderr(new FileOutputStream(FileDescriptor.err))
                    .hostTerminal(true).build().run();
            System.exit(status);
        }
    }
}
