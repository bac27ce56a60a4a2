package dev.jefevm.loader.limine;

/**
 * A file the loader copied into guest RAM (the kernel file itself or a module), as the Limine
 * {@code struct limine_file} describes it: page-aligned physical address, size, path, string.
 */
record LoadedFile(long physicalAddress, long size, String path, String cmdline) {
}
