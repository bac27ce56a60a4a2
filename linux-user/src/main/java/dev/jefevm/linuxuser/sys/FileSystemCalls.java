package dev.jefevm.linuxuser.sys;

import dev.jefevm.linuxuser.fs.OpenFile;
import dev.jefevm.linuxuser.proc.Process;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Calls about the file system a file lives on rather than the file: statfs and fstatfs (the
 * host's {@link FileStore} as x86_64 {@code struct statfs}, man 2 statfs), and the
 * extended-attribute family (getxattr, listxattr, setxattr and their l/f forms, man 2 getxattr),
 * which report that no file here has extended attributes: EOPNOTSUPP, as from a file system
 * without xattr support, so that `ls -l` and `cp -a` carry on quietly.
 */
final class FileSystemCalls {

    /** sizeof(struct statfs) on x86_64 (asm-generic/statfs.h with 64-bit words). */
    static final int STATFS_SIZE = 120;
    /** f_type magic numbers (linux/magic.h) for the host file-store types we can name. */
    static final long EXT4_SUPER_MAGIC = 0xEF53, TMPFS_MAGIC = 0x0102_1994, OVERLAYFS_SUPER_MAGIC = 0x794C_7630,
            BTRFS_SUPER_MAGIC = 0x9123_683EL, XFS_SUPER_MAGIC = 0x5846_5342, PROC_SUPER_MAGIC = 0x9FA0;
    private static final int NAME_MAX = 255;

    private final FileCalls files;

    FileSystemCalls(FileCalls files) {
        this.files = files;
    }

    /** statfs(path, buf) and fstatfs(fd, buf) ({@code pathPtr} 0: the descriptor's file). */
    long statfs(Process p, int fd, long pathPtr, long buf) {
        Path path = target(p, fd, pathPtr);
        if (path == null) {
            return -Errno.EBADF;
        }
        byte[] encoded;
        try {
            encoded = encode(Files.getFileStore(path));
        } catch (IOException e) {
            return Errno.of(e);
        }
        p.space.write(buf, encoded, 0, encoded.length);
        return 0;
    }

    static byte[] encode(FileStore store) throws IOException {
        long bsize = Math.max(store.getBlockSize(), 1);
        ByteBuffer b = ByteBuffer.allocate(STATFS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, magic(store.type())).putLong(8, bsize).putLong(16, store.getTotalSpace() / bsize)
                .putLong(24, store.getUnallocatedSpace() / bsize).putLong(32, store.getUsableSpace() / bsize)
                .putLong(64, NAME_MAX).putLong(72, bsize);
        return b.array(); // f_files, f_ffree, f_fsid, f_flags: 0, which statfs(2) allows for "not known"
    }

    static long magic(String type) {
        return switch (type) {
            case "tmpfs" -> TMPFS_MAGIC;
            case "overlay" -> OVERLAYFS_SUPER_MAGIC;
            case "btrfs" -> BTRFS_SUPER_MAGIC;
            case "xfs" -> XFS_SUPER_MAGIC;
            case "proc" -> PROC_SUPER_MAGIC;
            default -> EXT4_SUPER_MAGIC;
        };
    }

    /** Any extended-attribute call: ENOENT for a missing file, else EOPNOTSUPP. */
    long xattr(Process p, int fd, long pathPtr, boolean follow) {
        Path path = target(p, fd, pathPtr);
        if (path == null) {
            return -Errno.EBADF;
        }
        boolean exists = follow ? Files.exists(path) : Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        return exists ? -Errno.EOPNOTSUPP : -Errno.ENOENT;
    }

    private Path target(Process p, int fd, long pathPtr) {
        if (pathPtr == 0) {
            OpenFile f = p.fds.get(fd);
            return f == null ? null : f.path();
        }
        return files.resolve(p, FileCalls.AT_FDCWD, files.string(p, pathPtr));
    }
}
