package dev.jefevm.loader.limine;

/**
 * A kernel the loader cannot boot: malformed or unsupported ELF, a layout that cannot be mapped,
 * or a kernel that does not fit the VM. The message is one line naming the problem, such as
 * "not an ELF64 file" or "segment 2 overlaps segment 1"; callers prefix the file name.
 */
public final class KernelLoadException extends Exception {

    public KernelLoadException(String message) {
        super(message);
    }

    public KernelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
