package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop window in a real X server: {@code jefevm run --display window} under Xvfb with
 * Mesa's software OpenGL, driven with xdotool like a user would, checked against the serial
 * console and the control channel's {@code screendump}. One VM serves the tests in order (text
 * console first, then the interactive desktop). Skipped, saying so, when Xvfb, xdotool or
 * ImageMagick's import is not installed (.ci/run installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DesktopWindowSystemTest {

    private static final String NAME = "jefevm-window-test-" + ProcessHandle.current().pid();
    private static final String PROMPT = "jefeos> ";
    private static final int NAVY = 0x000080;
    /** A caption is a horizontal run of navy at least this long (text and buttons break it elsewhere). */
    private static final int CAPTION_RUN = 40;
    /** Largest relative step: the grabbed pointer is confined to the window and re-centred every frame. */
    private static final int STEP = 150;

    private Path dir;

    private XvfbDisplay xvfb;
    private Process vm;
    private final StringBuffer serial = new StringBuffer();
    private MonitorClient monitor;
    private String windowId;

    @BeforeAll
    void startVmInAWindow(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        for (String tool : List.of("Xvfb", "xdotool", "import")) {
            Assumptions.assumeTrue(XvfbDisplay.installed(tool),
                    tool + " is not installed (Debian: xvfb, xdotool, imagemagick): window tests skipped");
        }
        xvfb = XvfbDisplay.start();
        Path socket = dir.resolve("monitor.sock");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--display", "window", "--name", NAME, "--memory", "256M", "--accel", "interp",
                "--monitor", "unix:" + socket)
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().put("DISPLAY", xvfb.display());
        pb.environment().remove("WAYLAND_DISPLAY");
        vm = pb.start();
        Thread.ofPlatform().daemon().start(() -> collect(vm.getInputStream()));
        waitForSerial(PROMPT, 0, 90);
        windowId = xdotool("search", "--sync", "--name", NAME).strip().lines().findFirst().orElseThrow();
        monitor = new MonitorClient(socket);
    }

    private void collect(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                serial.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1).replace("\r", ""));
            }
        } catch (IOException e) {
            // the VM ended
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (monitor != null) {
            try {
                monitor.execute("{\"execute\":\"quit\"}");
            } catch (IOException e) {
                // already gone
            }
            monitor.close();
        }
        if (vm != null && !vm.waitFor(10, TimeUnit.SECONDS)) {
            vm.destroyForcibly();
            vm.waitFor(10, TimeUnit.SECONDS);
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @Test
    @Order(1)
    void commandTypedIntoTheWindow_runsAndAnswersOnSerial() throws Exception {
        int mark = serial.length();

        xdotool("windowfocus", "--sync", windowId);
        xdotool("type", "--delay", "20", "echo windowtyped");
        xdotool("key", "Return");

        waitForSerial("\nwindowtyped\n", mark, 30);
    }

    @Test
    @Order(2)
    void windowPixels_equalTheScreendumpAtOneToOne() throws Exception {
        BufferedImage window = null;
        BufferedImage dump = null;
        // the screen may change between the two captures (a command's output still arriving):
        // a few attempts, each comparing captures taken right after each other
        for (int attempt = 0; attempt < 5; attempt++) {
            Thread.sleep(300);
            dump = monitor.screendump();
            Thread.sleep(100); // more than a frame at 60 Hz, so the window shows what the dump saw
            window = captureWindow();
            if (differingPixels(window, dump) == 0) {
                break;
            }
        }

        assertEquals(dump.getWidth(), window.getWidth());
        assertEquals(dump.getHeight(), window.getHeight());
        assertEquals(0, differingPixels(window, dump), "pixels of the window that differ from the screendump");
    }

    @Test
    @Order(3)
    void draggingTheActiveTitleBar_movesTheWindowInTheGuest() throws Exception {
        int mark = serial.length();
        xdotool("windowfocus", "--sync", windowId);
        xdotool("type", "--delay", "20", "guii");
        xdotool("key", "Return");
        Rectangle before = waitForCaption(30);
        Assumptions.assumeTrue(before != null || !serial.substring(mark).contains("unknown command"),
                "this JefeOS has no guii yet");
        assertTrue(before != null, "no navy title bar on the screen after guii; serial: " + serial.substring(mark));

        xdotool("mousemove", "--window", windowId, "512", "384");
        xdotool("click", "1"); // grabs the mouse; the guest does not see this click
        Thread.sleep(300);
        moveBy(-2000, -2000); // the guest clamps its pointer at the top-left corner
        moveBy(before.x + 40, before.y + before.height / 2);
        xdotool("mousedown", "1");
        Thread.sleep(200);
        moveBy(120, 80);
        xdotool("mouseup", "1");
        Rectangle after = null;
        for (int i = 0; i < 50 && (after == null || after.equals(before)); i++) {
            Thread.sleep(100);
            after = caption(monitor.screendump());
        }

        assertTrue(after != null, "the navy title bar is gone after the drag");
        assertTrue(after.x - before.x > 60 && after.y - before.y > 40,
                "title bar " + before + " -> " + after + ": expected it to move right and down");
    }

    /** Moves the grabbed mouse by (dx, dy) in steps the confined X pointer can make. */
    private void moveBy(int dx, int dy) throws Exception {
        int x = dx;
        int y = dy;
        while (x != 0 || y != 0) {
            int sx = Math.clamp(x, -STEP, STEP);
            int sy = Math.clamp(y, -STEP, STEP);
            xdotool("mousemove_relative", "--", Integer.toString(sx), Integer.toString(sy));
            Thread.sleep(60); // let the window see the motion and re-centre the pointer
            x -= sx;
            y -= sy;
        }
    }

    private Rectangle waitForCaption(int seconds) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < giveUp) {
            Rectangle r = caption(monitor.screendump());
            if (r != null) {
                Thread.sleep(500); // let the desktop finish drawing
                return caption(monitor.screendump());
            }
            Thread.sleep(200);
        }
        return null;
    }

    /** The bounding box of the rows holding a long run of navy (the active title bar), or null. */
    private static Rectangle caption(BufferedImage image) {
        Rectangle box = null;
        for (int y = 0; y < image.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                run = (image.getRGB(x, y) & 0xFFFFFF) == NAVY ? run + 1 : 0;
                if (run == CAPTION_RUN) {
                    Rectangle row = new Rectangle(x - run + 1, y, run, 1);
                    box = box == null ? row : box.union(row);
                }
            }
        }
        return box;
    }

    private BufferedImage captureWindow() throws Exception {
        Path png = dir.resolve("window.png");
        run(List.of("import", "-window", windowId, png.toString()));
        return ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return Integer.MAX_VALUE;
        }
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
                    differing++;
                }
            }
        }
        return differing;
    }

    private void waitForSerial(String text, int from, int seconds) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < giveUp) {
            if (serial.indexOf(text, from) >= 0) {
                return;
            }
            if (!vm.isAlive()) {
                fail("the VM ended (status " + vm.exitValue() + ") before '" + text + "'; serial: " + serial
                        + "\nstderr: " + readQuietly(dir.resolve("stderr.txt")));
            }
            Thread.sleep(50);
        }
        fail("no '" + text + "' on serial within " + seconds + " s; serial: " + serial.substring(from)
                + "\nstderr: " + readQuietly(dir.resolve("stderr.txt")));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    private String xdotool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("xdotool");
        command.addAll(List.of(args));
        return run(command);
    }

    private String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", xvfb.display());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + ": " + text);
        return text;
    }
}
