package dev.jefevm.disk;

import dev.jefevm.disk.overlay.SnapshotOverlay;
import dev.jefevm.disk.qcow2.Qcow2Check;
import dev.jefevm.disk.qcow2.Qcow2Creator;
import dev.jefevm.disk.qcow2.Qcow2Header;
import dev.jefevm.disk.qcow2.Qcow2Image;
import dev.jefevm.disk.raw.RawImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point to disk images: opens an image file as a {@link BlockDevice} with its format
 * detected from the first bytes (the qcow2 magic "QFI\xfb", anything else is raw), creates new
 * empty images, and reports and checks existing ones. Every user-facing failure is a
 * {@link DiskImageException} with a one-line message.
 */
public final class DiskImages {

    private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    private DiskImages() {
    }

    /** Opens {@code image}; {@link DiskOpenMode#SNAPSHOT} leaves the file untouched. */
    public static BlockDevice open(Path image, DiskOpenMode mode) throws IOException {
        boolean readOnly = mode != DiskOpenMode.READ_WRITE;
        BlockDevice device = switch (detect(image)) {
            case RAW -> RawImage.open(image, readOnly);
            case QCOW2 -> Qcow2Image.open(image, readOnly);
        };
        return mode == DiskOpenMode.SNAPSHOT ? SnapshotOverlay.over(device) : device;
    }

    /** Creates a new empty image of {@code sizeBytes} (rounded up to whole sectors); refuses an existing file. */
    public static void create(Path image, DiskFormat format, long sizeBytes) throws IOException {
        if (sizeBytes <= 0 || sizeBytes > Qcow2Header.MAX_SIZE) {
            throw new DiskImageException(image + ": disk size must be between 512 bytes and 64 TiB");
        }
        if (Files.exists(image)) {
            throw new DiskImageException(image + ": file already exists");
        }
        long size = (sizeBytes + BlockDevice.SECTOR_SIZE - 1) / BlockDevice.SECTOR_SIZE * BlockDevice.SECTOR_SIZE;
        switch (format) {
            case RAW -> RawImage.create(image, size);
            case QCOW2 -> Qcow2Creator.create(image, size);
        }
    }

    /** Describes {@code image}: format, sizes, cluster size and qcow2 flags. */
    public static DiskInfo info(Path image) throws IOException {
        long fileSize = fileSize(image);
        return switch (detect(image)) {
            case RAW -> new DiskInfo(DiskFormat.RAW, fileSize / BlockDevice.SECTOR_SIZE * BlockDevice.SECTOR_SIZE,
                    fileSize, 0, false, false);
            case QCOW2 -> {
                try (Qcow2Image qcow = Qcow2Image.open(image, true)) {
                    Qcow2Header h = qcow.header();
                    yield new DiskInfo(DiskFormat.QCOW2, qcow.size(), fileSize, h.clusterSize(), h.dirty(), h.corrupt());
                }
            }
        };
    }

    /** The container-format problems of {@code image} (empty: clean). A raw image has none. */
    public static List<String> check(Path image) throws IOException {
        return switch (detect(image)) {
            case RAW -> {
                fileSize(image);
                yield List.of();
            }
            case QCOW2 -> Qcow2Check.check(image);
        };
    }

    /** The format of {@code image}, from its first four bytes. */
    public static DiskFormat detect(Path image) throws IOException {
        if (Files.isDirectory(image)) {
            throw new DiskImageException(image + ": is a folder, not a disk image");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(image)) {
            head = in.readNBytes(QCOW_MAGIC.length);
        } catch (NoSuchFileException e) {
            throw new DiskImageException(image + ": no such file", e);
        }
        for (int i = 0; i < QCOW_MAGIC.length; i++) {
            if (i >= head.length || head[i] != QCOW_MAGIC[i]) {
                return DiskFormat.RAW;
            }
        }
        return DiskFormat.QCOW2;
    }

    private static long fileSize(Path image) throws IOException {
        try {
            return Files.size(image);
        } catch (NoSuchFileException e) {
            throw new DiskImageException(image + ": no such file", e);
        }
    }
}
