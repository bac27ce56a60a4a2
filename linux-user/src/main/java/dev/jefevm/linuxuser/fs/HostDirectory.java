package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host directory opened for reading its entries: getdents64 returns {@code struct
 * linux_dirent64} records (d_ino, d_off, d_reclen, d_type, name; 8-byte aligned) for ".", ".."
 * and the entries the host lists, read once when first asked.
 */
public final class HostDirectory extends OpenFile {

    private static final int DT_UNKNOWN = 0, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

    private final Path path;
    private List<String> names;
    private int position;

    public HostDirectory(Path path, int statusFlags) {
        super(statusFlags);
        this.path = path;
    }

    @Override
    public long read(byte[] buf, int off, int len) {
        return -Errno.EISDIR;
    }

    @Override
    public long seek(long offset, int whence) {
        if (whence != 0 || offset < 0) {
            return -Errno.EINVAL;
        }
        position = (int) Math.min(offset, Integer.MAX_VALUE);
        return position;
    }

    @Override
    public long readDirectory(byte[] buf) {
        if (names == null) {
            names = new ArrayList<>(List.of(".", ".."));
            try (DirectoryStream<Path> s = Files.newDirectoryStream(path)) {
                for (Path p : s) {
                    names.add(p.getFileName().toString());
                }
            } catch (IOException e) {
                return Errno.of(e);
            }
        }
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        int filled = 0;
        while (position < names.size()) {
            String name = names.get(position);
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + n.length + 1 + 7) & ~7;
            if (filled + reclen > buf.length) {
                break;
            }
            Path p = path.resolve(name);
            long ino = 0;
            int type = DT_UNKNOWN;
            try {
                FileStat st = FileStat.of(p, false);
                ino = st.ino();
                type = switch (st.mode() & FileStat.S_IFMT) {
                    case FileStat.S_IFDIR -> DT_DIR;
                    case FileStat.S_IFREG -> DT_REG;
                    case FileStat.S_IFLNK -> DT_LNK;
                    default -> (st.mode() & FileStat.S_IFMT) >>> 12;
                };
            } catch (IOException e) {
                ino = position + 1;
            }
            b.putLong(filled, ino).putLong(filled + 8, position + 1).putShort(filled + 16, (short) reclen);
            b.put(filled + 18, (byte) type);
            b.put(filled + 19, n);
            for (int i = filled + 19 + n.length; i < filled + reclen; i++) {
                b.put(i, (byte) 0);
            }
            filled += reclen;
            position++;
        }
        if (filled == 0 && position < names.size()) {
            return -Errno.EINVAL;
        }
        return filled;
    }

    @Override
    public FileStat stat() throws IOException {
        return FileStat.of(path, true);
    }

    @Override
    public Path path() {
        return path;
    }
}
