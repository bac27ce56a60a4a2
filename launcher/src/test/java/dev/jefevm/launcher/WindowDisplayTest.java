package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.gui.DisplayUnavailableException;
import dev.jefevm.gui.WindowSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowDisplayTest {

    private static final Map<String, String> X11 = Map.of("DISPLAY", ":0");
    private static final Map<String, String> NO_DISPLAY = Map.of("DISPLAY", "");
    private static final WindowSettings SETTINGS = new WindowSettings("vm", "interp");

    private final StringWriter err = new StringWriter();
    private int opens;

    private WindowDisplay.Opener failing(String why) {
        return (controls, settings) -> {
            opens++;
            throw new DisplayUnavailableException(why);
        };
    }

    @Test
    void none_neverOpensAWindow() throws Exception {
        assertNull(WindowDisplay.open(DisplayOptions.Kind.NONE, X11, failing("x"), null, SETTINGS, new PrintWriter(err)));

        assertEquals(0, opens);
        assertEquals("", err.toString());
    }

    @Test
    void auto_withoutADisplay_saysItRunsHeadless() throws Exception {
        assertNull(WindowDisplay.open(DisplayOptions.Kind.AUTO, NO_DISPLAY, failing("x"), null, SETTINGS,
                new PrintWriter(err)));

        assertEquals(0, opens);
        assertEquals("jefevm: no display: running headless (serial console on this terminal)",
                err.toString().strip());
    }

    @Test
    void auto_whenGlfwCannotStart_saysItRunsHeadless() throws Exception {
        assertNull(WindowDisplay.open(DisplayOptions.Kind.AUTO, X11, failing("GLFW cannot start"), null, SETTINGS,
                new PrintWriter(err)));

        assertEquals(1, opens);
        assertEquals("jefevm: " + WindowDisplay.HEADLESS_NOTICE, err.toString().strip());
    }

    @Test
    void window_whenTheWindowCannotOpen_isAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> WindowDisplay.open(DisplayOptions.Kind.WINDOW,
                X11, failing("GLFW cannot start: X11: Failed to open display :0"), null, SETTINGS,
                new PrintWriter(err)));

        assertEquals("--display window: GLFW cannot start: X11: Failed to open display :0", e.getMessage());
    }

    @Test
    void displayOptions_parseWindowNoneAndNothing() throws Exception {
        assertEquals(DisplayOptions.Kind.AUTO, options().kind());
        assertEquals(DisplayOptions.Kind.WINDOW, options("--display", "window").kind());
        assertEquals(DisplayOptions.Kind.NONE, options("--display", "none").kind());
        assertEquals("vm7", options("--name", "vm7").name("JefeOS"));
        assertEquals("JefeOS", options().name("JefeOS"));
    }

    @Test
    void displayOptions_unknownKind_isAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> options("--display", "sdl").kind());

        assertEquals("unknown display 'sdl' (available: window, none)", e.getMessage());
    }

    private static DisplayOptions options(String... args) {
        DisplayOptions options = new DisplayOptions();
        new picocli.CommandLine(options).parseArgs(args);
        return options;
    }
}
