package dev.jefevm.linuxuser.sys;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Linux error numbers (asm-generic/errno-base.h, errno.h) as system calls return them, negated,
 * and the mapping from the host's Java I/O exceptions to them. {@link #BLOCK} is not an errno: a
 * call returning it would block, so the kernel parks the process and re-runs the call later.
 */
public final class Errno {

    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
            ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14,
            EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22,
            EMFILE = 24, ENOTTY = 25, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EPIPE = 32,
            ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, ENODATA = 61, ENOTSOCK = 88,
            EOPNOTSUPP = 95, EAFNOSUPPORT = 97;

    /** "Would block": the call is re-run when something changes. */
    public static final long BLOCK = Long.MIN_VALUE;

    private Errno() {
    }

    /** The negated errno for a host I/O failure. */
    public static long of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return -ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return -EEXIST;
        }
        if (e instanceof AccessDeniedException) {
            return -EACCES;
        }
        if (e instanceof NotDirectoryException) {
            return -ENOTDIR;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return -ENOTEMPTY;
        }
        if (e instanceof FileSystemLoopException) {
            return -ELOOP;
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            if (r.contains("Is a directory")) {
                return -EISDIR;
            }
            if (r.contains("Not a directory")) {
                return -ENOTDIR;
            }
            if (r.contains("No such device")) {
                return -ENXIO;
            }
            if (r.contains("Too many levels")) {
                return -ELOOP;
            }
            if (r.contains("cross-device")) {
                return -EXDEV;
            }
            if (r.contains("Permission denied")) {
                return -EACCES;
            }
        }
        return -EIO;
    }
}
