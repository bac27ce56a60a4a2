package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jefevm.launcher.monitor.MachineMonitorTarget;
import dev.jefevm.launcher.monitor.MonitorProtocol;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-system tests of the JefeOS desktop (issue 6): the bundled JefeOS, booted headless and
 * deterministic, runs {@code guii} and the monitor protocol drives it like a user — it finds
 * the active window's navy title bar in a screen dump, drags it with relative mouse moves and
 * button changes, clicks the window's buttons, and presses Esc to get the shell back; and the
 * {@code gui} demo returns to the shell by itself.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GuiSystemTest {

    private static final long RAM = 128L << 20;
    private static final long BOOT_BUDGET = 3_000_000_000L;
    private static final long COMMAND_BUDGET = 500_000_000L;
    private static final long GUI_BUDGET = 3_000_000_000L;
    private static final long SLICE = 200_000;
    /** Slices run after each input so the guest (polling every 10 ms tick) has taken it. */
    private static final int SETTLE_SLICES = 10;
    /** The PS/2 packet carries at most 255 counts per axis; larger moves are split. */
    private static final int MAX_STEP = 200;
    private static final int NAVY = 0x000080;
    private static final int TEAL = 0x008080;
    private static final Pattern POINTER = Pattern.compile("pointer at (\\d+) (\\d+)");
    private static final Pattern BUTTON = Pattern.compile("button '([^']+)' in 'Counter' at (\\d+) (\\d+) (\\d+) (\\d+)");
    private static final Pattern LABEL = Pattern.compile("label in 'Counter' at (\\d+) (\\d+) (\\d+) (\\d+)");

    private final ObjectMapper mapper = new ObjectMapper();
    private int pointerX;
    private int pointerY;

    @Test
    void guii_titleBarDragsByTheMouseDelta_buttonsReact_andEscReturnsToTheShell() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            MonitorProtocol monitor = new MonitorProtocol(new MachineMonitorTarget(console.machine()), "0.1.0", 60_000);
            console.type("guii");
            String layout = console.runUntil("Esc quits\n", GUI_BUDGET);
            Matcher p = POINTER.matcher(layout);
            assertTrue(p.find(), layout);
            pointerX = Integer.parseInt(p.group(1));
            pointerY = Integer.parseInt(p.group(2));
            Rectangle clickMe = rect(layout, "Click me");
            Rectangle close = rect(layout, "Close");
            Matcher l = LABEL.matcher(layout);
            assertTrue(l.find(), layout);
            Rectangle label = new Rectangle(Integer.parseInt(l.group(1)), Integer.parseInt(l.group(2)),
                    Integer.parseInt(l.group(3)), Integer.parseInt(l.group(4)));

            BufferedImage start = screendump(console, monitor);
            saveForTheUserGuide(start);
            Rectangle bar = navyBounds(start);
            assertTrue(bar.width >= 100 && bar.height >= 16, "an active navy title bar: " + bar);

            // Drag: press in the bar's empty left part, move, release.
            int dx = -150;
            int dy = -120;
            moveTo(console, monitor, bar.x + 10, bar.y + bar.height / 2);
            button(console, monitor, 1);
            moveBy(console, monitor, dx, dy);
            button(console, monitor, 0);
            console.runUntil("gui: moved 'Counter' to", COMMAND_BUDGET);
            BufferedImage dragged = screendump(console, monitor);
            Rectangle moved = navyBounds(dragged);
            assertEquals(new Rectangle(bar.x + dx, bar.y + dy, bar.width, bar.height), moved);

            // Click "Click me": the counter label changes.
            clickMe.translate(dx, dy);
            label.translate(dx, dy);
            click(console, monitor, clickMe);
            console.runUntil("gui: 'Click me' clicked, count 1\n", COMMAND_BUDGET);
            BufferedImage clicked = screendump(console, monitor);
            assertTrue(differs(dragged, clicked, label), "the label shows the new count");

            // Click "Close": the window goes, the desktop shows where its label was.
            close.translate(dx, dy);
            click(console, monitor, close);
            console.runUntil("gui: closed 'Counter'\n", COMMAND_BUDGET);
            BufferedImage closed = screendump(console, monitor);
            assertTrue(all(closed, label, TEAL), "the desktop shows through where the Counter was");
            assertNotEquals(moved, navyBounds(closed));

            execute(console, monitor, "{\"execute\":\"sendkey\",\"arguments\":{\"keys\":\"esc\"}}");
            console.runUntil("gui: back to the text console\n", GUI_BUDGET);
            console.runUntil(GuestConsole.PROMPT, COMMAND_BUDGET);
            assertEquals("ok\n", console.command("echo ok", COMMAND_BUDGET));
            BufferedImage text = screendump(console, monitor);
            assertEquals(0, count(text, new Rectangle(0, 0, text.getWidth(), text.getHeight()), TEAL),
                    "the text console is back");
        }
    }

    @Test
    void gui_demoPlaysAndReturnsToTheShellByItself() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            String out = console.command("gui", GUI_BUDGET);
            assertTrue(out.contains("gui: desktop ready"), out);
            assertTrue(out.endsWith("gui: back to the text console\n"), out);
            assertEquals("ok\n", console.command("echo ok", COMMAND_BUDGET));
        }
    }

    private static Rectangle rect(String layout, String caption) {
        Matcher m = BUTTON.matcher(layout);
        while (m.find()) {
            if (m.group(1).equals(caption)) {
                return new Rectangle(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            }
        }
        throw new AssertionError("no button '" + caption + "' in:\n" + layout);
    }

    /** The bounding box of the pixels with the active caption's colour. */
    private static Rectangle navyBounds(BufferedImage image) {
        Rectangle box = null;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == NAVY) {
                    box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return box == null ? new Rectangle() : box;
    }

    private static int count(BufferedImage image, Rectangle r, int rgb) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean all(BufferedImage image, Rectangle r, int rgb) {
        return count(image, r, rgb) == r.width * r.height;
    }

    private static boolean differs(BufferedImage a, BufferedImage b, Rectangle r) {
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void click(GuestConsole console, MonitorProtocol monitor, Rectangle target) throws Exception {
        moveTo(console, monitor, target.x + target.width / 2, target.y + target.height / 2);
        button(console, monitor, 1);
        button(console, monitor, 0);
    }

    private void moveTo(GuestConsole console, MonitorProtocol monitor, int x, int y) throws Exception {
        moveBy(console, monitor, x - pointerX, y - pointerY);
    }

    private void moveBy(GuestConsole console, MonitorProtocol monitor, int dx, int dy) throws Exception {
        while (dx != 0 || dy != 0) {
            int stepX = Math.max(-MAX_STEP, Math.min(MAX_STEP, dx));
            int stepY = Math.max(-MAX_STEP, Math.min(MAX_STEP, dy));
            execute(console, monitor, "{\"execute\":\"mouse_move\",\"arguments\":{\"dx\":" + stepX + ",\"dy\":" + stepY + "}}");
            settle(console);
            pointerX += stepX;
            pointerY += stepY;
            dx -= stepX;
            dy -= stepY;
        }
    }

    private void button(GuestConsole console, MonitorProtocol monitor, int state) throws Exception {
        execute(console, monitor, "{\"execute\":\"mouse_button\",\"arguments\":{\"state\":" + state + "}}");
        settle(console);
    }

    private static void settle(GuestConsole console) {
        for (int i = 0; i < SETTLE_SLICES; i++) {
            console.machine().run(SLICE);
        }
    }

    private BufferedImage screendump(GuestConsole console, MonitorProtocol monitor) throws Exception {
        settle(console);
        JsonNode dump = execute(console, monitor, "{\"execute\":\"screendump\"}");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dump.at("/return/png").asText())));
    }

    /** With -Djefevm.guiScreenshot=FILE, keeps the first desktop picture (the user guide's illustration). */
    private static void saveForTheUserGuide(BufferedImage image) throws Exception {
        String file = System.getProperty("jefevm.guiScreenshot");
        if (file != null) {
            ImageIO.write(image, "png", Path.of(file).toFile());
        }
    }

    /** Sends one monitor request from another thread while this (the vCPU) thread runs the guest. */
    private JsonNode execute(GuestConsole console, MonitorProtocol monitor, String request) throws Exception {
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> monitor.handle(request));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reply.isDone() && System.nanoTime() < giveUp) {
            console.machine().run(SLICE);
        }
        JsonNode node = mapper.readTree(reply.get(1, TimeUnit.SECONDS));
        assertTrue(node.has("return"), node.toString());
        return node;
    }
}
