package dev.jefevm.linuxuser.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What stat(2) reports about a file, gathered from the host ({@code unix:*} attributes) or made up
 * for pipes and streams. {@link #encodeStat} lays it out as x86_64 {@code struct stat}
 * (asm/stat.h, 144 bytes) and {@link #encodeStatx} as {@code struct statx} (linux/stat.h, 256 bytes).
 */
public record FileStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size,
        long atimeNanos, long mtimeNanos, long ctimeNanos) {

    public static final int S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000,
            S_IFREG = 0x8000, S_IFLNK = 0xA000;

    /** A pipe or stream end: a FIFO owned by the user. */
    public static FileStat fifo(long ino) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new FileStat(0xC, ino, S_IFIFO | 0600, 1, 0, 0, 0, 0, now, now, now);
    }

    public static FileStat of(Path path, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> a = Files.readAttributes(path, "unix:*", opts);
        return new FileStat(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                (Integer) a.get("mode"), ((Number) a.get("nlink")).longValue(), (Integer) a.get("uid"),
                (Integer) a.get("gid"), ((Number) a.get("rdev")).longValue(), ((Number) a.get("size")).longValue(),
                nanos(a.get("lastAccessTime")), nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")));
    }

    private static long nanos(Object t) {
        return t instanceof FileTime ft ? ft.to(java.util.concurrent.TimeUnit.NANOSECONDS) : 0;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /**
     * st_blocks, in 512-byte units: the JDK does not expose the host's count, so this assumes a
     * 4 KiB-block file system without holes (regular files and directories take whole blocks;
     * symlinks, devices and pipes none), which is what ext4 reports for ordinary files.
     */
    public long blocks() {
        int type = mode & S_IFMT;
        if (type != S_IFREG && type != S_IFDIR) {
            return 0;
        }
        return (size + 4095) / 4096 * 8;
    }

    /** x86_64 struct stat. */
    public byte[] encodeStat() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(144).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev).putLong(8, ino).putLong(16, nlink).putInt(24, mode).putInt(28, uid).putInt(32, gid)
                .putLong(40, rdev).putLong(48, size).putLong(56, 4096).putLong(64, blocks());
        putTime(b, 72, atimeNanos);
        putTime(b, 88, mtimeNanos);
        putTime(b, 104, ctimeNanos);
        return b.array();
    }

    private static void putTime(java.nio.ByteBuffer b, int at, long nanos) {
        b.putLong(at, Math.floorDiv(nanos, 1_000_000_000L)).putLong(at + 8, Math.floorMod(nanos, 1_000_000_000L));
    }

    /** struct statx with the basic fields (STATX_BASIC_STATS = 0x7ff). */
    public byte[] encodeStatx() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(256).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x7FF).putInt(4, 4096).putInt(16, (int) nlink).putInt(20, uid).putInt(24, gid)
                .putShort(28, (short) mode).putLong(32, ino).putLong(40, size).putLong(48, blocks());
        putStatxTime(b, 64, atimeNanos);
        putStatxTime(b, 96, ctimeNanos);
        putStatxTime(b, 112, mtimeNanos);
        b.putInt(128, (int) (rdev >>> 8) & 0xFFF).putInt(132, (int) (rdev & 0xFF));
        b.putInt(136, (int) (dev >>> 8) & 0xFFF).putInt(140, (int) (dev & 0xFF));
        return b.array();
    }

    private static void putStatxTime(java.nio.ByteBuffer b, int at, long nanos) {
        b.putLong(at, Math.floorDiv(nanos, 1_000_000_000L)).putInt(at + 8, (int) Math.floorMod(nanos, 1_000_000_000L));
    }
}
