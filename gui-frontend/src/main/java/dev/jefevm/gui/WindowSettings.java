package dev.jefevm.gui;

/**
 * What the launcher tells the window about the VM: its name and CPU back end (both shown in the
 * title).
 *
 * @param name    the VM's name, first in the title (the test suites find the window by it)
 * @param backend the CPU back end, "interp" or "jit"
 */
public record WindowSettings(String name, String backend) {
}
