package dev.jefevm.linuxuser.mem;

/**
 * One virtual memory area of a process, {@code [start, end)} page aligned, with the protection
 * its pages get ({@link #READ}, {@link #WRITE}, {@link #EXEC} as in mmap's PROT_* bits) and a
 * name for diagnostics. Pages inside it are mapped on first touch; pages outside any area fault
 * with SIGSEGV.
 */
public record Vma(long start, long end, int prot, String name) {

    public static final int READ = 1, WRITE = 2, EXEC = 4;

    public boolean contains(long va) {
        return Long.compareUnsigned(va - start, end - start) < 0;
    }
}
