package dev.jefevm.gui;

import java.util.Locale;

/**
 * The window title: the VM's name, the CPU back end, the guest's speed in MIPS (or "paused"), and
 * what the mouse does now ("Ctrl+Alt+G releases the mouse" while grabbed). A notice (a screenshot
 * saved, the key bindings) replaces the mouse hint for a few seconds.
 */
final class WindowTitle {

    static final String GRABBED_HINT = "Ctrl+Alt+G releases the mouse";
    static final String FREE_HINT = "click to grab the mouse, Ctrl+Alt+H for keys";

    private WindowTitle() {
    }

    /**
     * @param mips   guest million instructions per second, or a negative value before the first measurement
     * @param notice a message shown instead of the mouse hint, or null
     */
    static String format(String name, String backend, double mips, boolean paused, boolean grabbed, String notice) {
        StringBuilder sb = new StringBuilder(name).append(" - ").append(backend).append(" - ");
        if (paused) {
            sb.append("paused");
        } else if (mips < 0) {
            sb.append("starting");
        } else {
            sb.append(String.format(Locale.ROOT, "%.1f MIPS", mips));
        }
        sb.append(" - ").append(notice != null ? notice : grabbed ? GRABBED_HINT : FREE_HINT);
        return sb.toString();
    }
}
