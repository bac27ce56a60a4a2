package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;

/**
 * A process's file descriptor table: descriptor numbers to shared {@link OpenFile}s, each with
 * its close-on-exec flag. Lowest free number first (POSIX); at most {@link #LIMIT} descriptors.
 */
public final class FdTable {

    public static final int LIMIT = 1024;

    private final OpenFile[] files = new OpenFile[LIMIT];
    private final boolean[] closeOnExec = new boolean[LIMIT];

    public OpenFile get(int fd) {
        return fd >= 0 && fd < LIMIT ? files[fd] : null;
    }

    /** Installs {@code file} at the lowest free number at least {@code min}; -EMFILE if none. */
    public int add(OpenFile file, int min, boolean cloexec) {
        for (int fd = Math.max(min, 0); fd < LIMIT; fd++) {
            if (files[fd] == null) {
                files[fd] = file;
                closeOnExec[fd] = cloexec;
                return fd;
            }
        }
        return -Errno.EMFILE;
    }

    /** Installs {@code file} at {@code fd}, closing what was there (dup2). */
    public void put(int fd, OpenFile file, boolean cloexec) {
        if (files[fd] != null) {
            files[fd].close();
        }
        files[fd] = file;
        closeOnExec[fd] = cloexec;
    }

    public int close(int fd) {
        OpenFile f = get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        files[fd] = null;
        f.close();
        return 0;
    }

    public boolean isCloseOnExec(int fd) {
        return closeOnExec[fd];
    }

    public void setCloseOnExec(int fd, boolean on) {
        closeOnExec[fd] = on;
    }

    /** fork: a table sharing every open file. */
    public FdTable copy() {
        FdTable t = new FdTable();
        for (int fd = 0; fd < LIMIT; fd++) {
            if (files[fd] != null) {
                files[fd].retain();
                t.files[fd] = files[fd];
                t.closeOnExec[fd] = closeOnExec[fd];
            }
        }
        return t;
    }

    /** execve: closes descriptors marked close-on-exec. */
    public void closeOnExec() {
        for (int fd = 0; fd < LIMIT; fd++) {
            if (files[fd] != null && closeOnExec[fd]) {
                close(fd);
            }
        }
    }

    public void closeAll() {
        for (int fd = 0; fd < LIMIT; fd++) {
            if (files[fd] != null) {
                close(fd);
            }
        }
    }
}
