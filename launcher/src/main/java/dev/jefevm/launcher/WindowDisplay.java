package dev.jefevm.launcher;

import dev.jefevm.gui.DesktopWindow;
import dev.jefevm.gui.DisplayUnavailableException;
import dev.jefevm.gui.VmControls;
import dev.jefevm.gui.WindowSettings;
import java.io.PrintWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether {@code jefevm run} opens the desktop window and opens it: {@code --display
 * none} never does; {@code --display window} must, and a missing display is a usage error; left
 * out, the window opens when a display is configured and GLFW starts on it, and otherwise one
 * line says the VM runs headless. The serial console stays on the terminal either way.
 */
final class WindowDisplay {

    private static final Logger LOG = LoggerFactory.getLogger(WindowDisplay.class);

    static final String HEADLESS_NOTICE = "no display: running headless (serial console on this terminal)";

    /** Opens a window, given a machine's framebuffer, its controls and its settings. */
    interface Opener {
        DesktopWindow open(VmControls controls, WindowSettings settings)
                throws DisplayUnavailableException, InterruptedException;
    }

    private WindowDisplay() {
    }

    /**
     * The window the options ask for, or null when the VM runs headless.
     *
     * @throws UsageException if {@code --display window} was given and no window can open
     */
    static DesktopWindow open(DisplayOptions.Kind kind, Map<String, String> environment, Opener opener,
            VmControls controls, WindowSettings settings, PrintWriter err) throws UsageException, InterruptedException {
        if (kind == DisplayOptions.Kind.NONE) {
            return null;
        }
        if (kind == DisplayOptions.Kind.AUTO && !DesktopWindow.displayConfigured(environment)) {
            headless(err, "DISPLAY and WAYLAND_DISPLAY are not set");
            return null;
        }
        try {
            return opener.open(controls, settings);
        } catch (DisplayUnavailableException e) {
            if (kind == DisplayOptions.Kind.WINDOW) {
                throw new UsageException("--display window: " + e.getMessage());
            }
            headless(err, e.getMessage());
            return null;
        }
    }

    private static void headless(PrintWriter err, String why) {
        LOG.info("no window: {}", why);
        err.println("jefevm: " + HEADLESS_NOTICE);
        err.flush();
    }
}
