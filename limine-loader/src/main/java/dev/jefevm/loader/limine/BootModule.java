package dev.jefevm.loader.limine;

/**
 * A file handed to the kernel through the Limine module feature: its path (with a leading slash,
 * as the protocol reports paths), its command-line string and its contents.
 */
public record BootModule(String path, String cmdline, byte[] data) {
}
