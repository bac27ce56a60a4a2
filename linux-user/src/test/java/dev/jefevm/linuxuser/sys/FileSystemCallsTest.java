package dev.jefevm.linuxuser.sys;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemCallsTest {

    @TempDir
    Path dir;

    private final FileSystemCalls calls = new FileSystemCalls(new FileCalls());

    @Test
    void statfs_directory_reportsBlockSizeAndSizesOfItsFileStore() throws Exception {
        GuestProcess g = new GuestProcess(dir);
        long buf = g.buffer(FileSystemCalls.STATFS_SIZE);
        long bsize = Files.getFileStore(dir).getBlockSize();

        long result = calls.statfs(g.process, 0, g.string("."), buf);

        long blocks = g.process.space.read64(buf + 16);
        long free = g.process.space.read64(buf + 24);
        assertAll(() -> assertEquals(0, result), () -> assertEquals(bsize, g.process.space.read64(buf + 8)),
                () -> assertTrue(blocks > 0 && free <= blocks, blocks + " " + free),
                () -> assertEquals(255, g.process.space.read64(buf + 64)));
    }

    @Test
    void statfs_missingPath_isENOENT() {
        GuestProcess g = new GuestProcess(dir);

        assertEquals(-Errno.ENOENT, calls.statfs(g.process, 0, g.string("none"), g.buffer(FileSystemCalls.STATFS_SIZE)));
    }

    @Test
    void fstatfs_badDescriptor_isEBADF() {
        GuestProcess g = new GuestProcess(dir);

        assertEquals(-Errno.EBADF, calls.statfs(g.process, 9, 0, g.buffer(FileSystemCalls.STATFS_SIZE)));
    }

    @Test
    void magic_namesKnownFileSystems() {
        assertAll(() -> assertEquals(0x0102_1994, FileSystemCalls.magic("tmpfs")),
                () -> assertEquals(0xEF53, FileSystemCalls.magic("ext4")));
    }

    @Test
    void getxattr_existingFile_isNotSupported() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        GuestProcess g = new GuestProcess(dir);

        assertEquals(-Errno.EOPNOTSUPP, calls.xattr(g.process, 0, g.string("f"), true));
    }

    @Test
    void lgetxattr_missingFile_isENOENT() {
        GuestProcess g = new GuestProcess(dir);

        assertEquals(-Errno.ENOENT, calls.xattr(g.process, 0, g.string("none"), false));
    }
}
