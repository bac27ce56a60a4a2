package dev.jefevm.linuxuser.sys;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeCallsTest {

    @TempDir
    Path dir;

    private final FileCalls files = new FileCalls();
    private final AttributeCalls calls = new AttributeCalls(files);

    private GuestProcess guest() {
        return new GuestProcess(dir);
    }

    @Test
    void chmod_relativePath_setsTheHostFilesPermissionBits() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        GuestProcess g = guest();

        long result = calls.chmod(g.process, FileCalls.AT_FDCWD, g.string("f"), 0751);

        assertAll(() -> assertEquals(0, result),
                () -> assertEquals(0751, (Integer) Files.getAttribute(f, "unix:mode") & 07777));
    }

    @Test
    void chmod_missingFile_isENOENT() {
        GuestProcess g = guest();

        assertEquals(-Errno.ENOENT, calls.chmod(g.process, FileCalls.AT_FDCWD, g.string("none"), 0644));
    }

    @Test
    void fchmod_badDescriptor_isEBADF() {
        GuestProcess g = guest();

        assertEquals(-Errno.EBADF, calls.chmod(g.process, 42, 0, 0644));
    }

    @Test
    void chown_minusOneForBoth_changesNothingAndSucceeds() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        int uid = (Integer) Files.getAttribute(f, "unix:uid");
        GuestProcess g = guest();

        long result = calls.chown(g.process, FileCalls.AT_FDCWD, g.string("f"), -1, -1, true);

        assertAll(() -> assertEquals(0, result), () -> assertEquals(uid, (Integer) Files.getAttribute(f, "unix:uid")));
    }

    @Test
    void chown_toTheCurrentOwner_succeeds() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        int uid = (Integer) Files.getAttribute(f, "unix:uid");
        int gid = (Integer) Files.getAttribute(f, "unix:gid");
        GuestProcess g = guest();

        assertEquals(0, calls.chown(g.process, FileCalls.AT_FDCWD, g.string("f"), uid, gid, true));
    }

    @Test
    void lchown_danglingSymlink_actsOnTheLinkNotItsTarget() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("missing"));
        int uid = (Integer) Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        GuestProcess g = guest();

        assertAll(() -> assertEquals(0, calls.chown(g.process, FileCalls.AT_FDCWD, g.string("link"), uid, -1, false)),
                () -> assertEquals(-Errno.ENOENT,
                        calls.chown(g.process, FileCalls.AT_FDCWD, g.string("link"), uid, -1, true)));
    }

    @Test
    void utimensat_twoTimespecs_setAccessAndModificationTimes() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        GuestProcess g = guest();
        long times = g.longs(1_000_000_000L, 5, 1_200_000_000L, 7_000);

        long result = calls.utimensat(g.process, FileCalls.AT_FDCWD, g.string("f"), times, 0);

        assertAll(() -> assertEquals(0, result),
                () -> assertEquals(FileTime.from(Instant.ofEpochSecond(1_200_000_000L, 7_000)),
                        Files.getLastModifiedTime(f)),
                () -> assertEquals(FileTime.from(Instant.ofEpochSecond(1_000_000_000L, 5)),
                        Files.getAttribute(f, "lastAccessTime")));
    }

    @Test
    void utimensat_utimeOmitForModification_keepsIt() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Files.setLastModifiedTime(f, FileTime.from(Instant.ofEpochSecond(1_100_000_000L)));
        GuestProcess g = guest();
        long times = g.longs(1_000_000_000L, 0, 0, AttributeCalls.UTIME_OMIT);

        calls.utimensat(g.process, FileCalls.AT_FDCWD, g.string("f"), times, 0);

        assertEquals(FileTime.from(Instant.ofEpochSecond(1_100_000_000L)), Files.getLastModifiedTime(f));
    }

    @Test
    void utimensat_nullTimes_meansNow() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Files.setLastModifiedTime(f, FileTime.from(Instant.ofEpochSecond(1_000_000_000L)));
        Instant before = Instant.now().minusSeconds(1);
        GuestProcess g = guest();

        calls.utimensat(g.process, FileCalls.AT_FDCWD, g.string("f"), 0, 0);

        assertTrue(Files.getLastModifiedTime(f).toInstant().isAfter(before));
    }

    @Test
    void utimensat_nanosecondsOutOfRange_isEINVAL() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        GuestProcess g = guest();
        long times = g.longs(0, 1_000_000_000L, 0, 0);

        assertEquals(-Errno.EINVAL, calls.utimensat(g.process, FileCalls.AT_FDCWD, g.string("f"), times, 0));
    }

    @Test
    void utimensat_missingFile_isENOENT() {
        GuestProcess g = guest();

        assertEquals(-Errno.ENOENT, calls.utimensat(g.process, FileCalls.AT_FDCWD, g.string("none"), 0, 0));
    }

    @Test
    void utime_utimbufSeconds_setBothTimes() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        GuestProcess g = guest();

        long result = calls.utime(g.process, g.string("f"), g.longs(1_000_000_000L, 1_300_000_000L));

        assertAll(() -> assertEquals(0, result),
                () -> assertEquals(FileTime.from(Instant.ofEpochSecond(1_300_000_000L)), Files.getLastModifiedTime(f)));
    }

    @Test
    void utimes_timevalMicroseconds_becomeNanoseconds() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        GuestProcess g = guest();

        long result = calls.utimes(g.process, g.string("f"), g.longs(1_000_000_000L, 0, 1_300_000_000L, 250_000));

        assertAll(() -> assertEquals(0, result),
                () -> assertEquals(FileTime.from(Instant.ofEpochSecond(1_300_000_000L, 250_000_000L)),
                        Files.getLastModifiedTime(f)));
    }

    @Test
    void utimes_microsecondsOutOfRange_isEINVAL() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        GuestProcess g = guest();

        assertEquals(-Errno.EINVAL, calls.utimes(g.process, g.string("f"), g.longs(0, 1_000_000, 0, 0)));
    }
}
