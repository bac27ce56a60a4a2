package dev.jefevm.launcher;

import picocli.CommandLine.Option;

/**
 * The display options of {@code jefevm run} (a picocli mixin): {@code --display window|none}
 * (left out: a window when a display is available, otherwise headless) and {@code --name NAME},
 * the VM's name in the window title.
 */
final class DisplayOptions {

    /** What the user asked for; AUTO when {@code --display} was left out. */
    enum Kind { WINDOW, NONE, AUTO }

    @Option(names = "--display", paramLabel = "window|none",
            description = "Show the framebuffer in a window, or none (headless). Default: a window when a display "
                    + "(DISPLAY or WAYLAND_DISPLAY) is available, otherwise none.")
    private String display;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The VM's name, shown in the window title (default: JefeOS, or the kernel file's name).")
    private String name;

    /**
     * The display kind asked for.
     *
     * @throws UsageException for a value other than window or none
     */
    Kind kind() throws UsageException {
        if (display == null) {
            return Kind.AUTO;
        }
        return switch (display) {
            case "window" -> Kind.WINDOW;
            case "none" -> Kind.NONE;
            default -> throw new UsageException("unknown display '" + display + "' (available: window, none)");
        };
    }

    /** The name given with --name, or {@code fallback}. */
    String name(String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }
}
