package dev.jefevm.linuxuser.sys;

import dev.jefevm.linuxuser.fs.OpenFile;
import dev.jefevm.linuxuser.proc.Process;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Calls that change a file's metadata: the chmod, chown and utime families (man 2 chmod, chown,
 * utimensat). They act on the host file the guest path names, so `touch` creates nothing by
 * itself (it calls utimensat first and creates the file only on ENOENT) and `chmod +x` sticks.
 */
final class AttributeCalls {

    /** utimensat's special tv_nsec values (include/uapi/linux/stat.h). */
    static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    private final FileCalls files;

    AttributeCalls(FileCalls files) {
        this.files = files;
    }

    /** The host path of {@code pathPtr} relative to {@code dirfd}, or of the descriptor itself when pathPtr is 0. */
    private Path target(Process p, int dirfd, long pathPtr) {
        if (pathPtr == 0) {
            OpenFile f = p.fds.get(dirfd);
            return f == null ? null : f.path();
        }
        return files.resolve(p, dirfd, files.string(p, pathPtr));
    }

    private static long missing(Path path, boolean follow) {
        if (path == null) {
            return -Errno.EBADF;
        }
        boolean exists = follow ? Files.exists(path) : Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        return exists ? 0 : -Errno.ENOENT;
    }

    /** chmod, fchmod, fchmodat: the permission bits of the host file. */
    long chmod(Process p, int dirfd, long pathPtr, int mode) {
        Path path = target(p, dirfd, pathPtr);
        long err = missing(path, true);
        if (err != 0) {
            return err;
        }
        try {
            Files.setAttribute(path, "unix:mode", mode & 07777);
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return -Errno.EPERM;
        }
    }

    /** chown, fchown, lchown, fchownat: owner and group (-1 keeps one) of the host file. */
    long chown(Process p, int dirfd, long pathPtr, int uid, int gid, boolean follow) {
        Path path = target(p, dirfd, pathPtr);
        long err = missing(path, follow);
        if (err != 0) {
            return err;
        }
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try {
            if (uid != -1) {
                Files.setAttribute(path, "unix:uid", uid, options);
            }
            if (gid != -1) {
                Files.setAttribute(path, "unix:gid", gid, options);
            }
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        } catch (UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return -Errno.EPERM;
        }
    }

    /**
     * utimensat (and utime, utimes through {@link #setTimes}): access and modification times from
     * two timespecs, NULL meaning now for both, UTIME_NOW and UTIME_OMIT per field.
     */
    long utimensat(Process p, int dirfd, long pathPtr, long timesPtr, int flags) {
        Path path = target(p, dirfd, pathPtr);
        boolean follow = (flags & FileCalls.AT_SYMLINK_NOFOLLOW) == 0;
        long err = missing(path, follow);
        if (err != 0) {
            return err;
        }
        FileTime now = FileTime.from(Instant.now());
        if (timesPtr == 0) {
            return setTimes(path, now, now, follow);
        }
        FileTime[] t = new FileTime[2];
        for (int i = 0; i < 2; i++) {
            long sec = p.space.read64(timesPtr + 16L * i);
            long nsec = p.space.read64(timesPtr + 16L * i + 8);
            if (nsec == UTIME_NOW) {
                t[i] = now;
            } else if (nsec == UTIME_OMIT) {
                t[i] = null;
            } else if (nsec < 0 || nsec > 999_999_999L) {
                return -Errno.EINVAL;
            } else {
                t[i] = FileTime.from(Instant.ofEpochSecond(sec, nsec));
            }
        }
        return setTimes(path, t[0], t[1], follow);
    }

    /** utime: a struct utimbuf {actime, modtime} in seconds, or NULL for now. */
    long utime(Process p, long pathPtr, long timesPtr) {
        Path path = target(p, FileCalls.AT_FDCWD, pathPtr);
        long err = missing(path, true);
        if (err != 0) {
            return err;
        }
        if (timesPtr == 0) {
            FileTime now = FileTime.from(Instant.now());
            return setTimes(path, now, now, true);
        }
        return setTimes(path, FileTime.from(Instant.ofEpochSecond(p.space.read64(timesPtr))),
                FileTime.from(Instant.ofEpochSecond(p.space.read64(timesPtr + 8))), true);
    }

    /** utimes: two struct timevals {sec, usec}, or NULL for now. */
    long utimes(Process p, long pathPtr, long timesPtr) {
        Path path = target(p, FileCalls.AT_FDCWD, pathPtr);
        long err = missing(path, true);
        if (err != 0) {
            return err;
        }
        if (timesPtr == 0) {
            FileTime now = FileTime.from(Instant.now());
            return setTimes(path, now, now, true);
        }
        FileTime[] t = new FileTime[2];
        for (int i = 0; i < 2; i++) {
            long usec = p.space.read64(timesPtr + 16L * i + 8);
            if (usec < 0 || usec > 999_999) {
                return -Errno.EINVAL;
            }
            t[i] = FileTime.from(Instant.ofEpochSecond(p.space.read64(timesPtr + 16L * i), usec * 1000));
        }
        return setTimes(path, t[0], t[1], true);
    }

    private static long setTimes(Path path, FileTime access, FileTime modified, boolean follow) {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, options).setTimes(modified, access, null);
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }
}
