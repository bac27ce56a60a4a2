package dev.jefevm.launcher.disk;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.launcher.SizeLimits;
import picocli.CommandLine.ITypeConverter;

/**
 * Parses a disk size such as {@code 256M}, {@code 4G} or {@code 1T} (binary units, a bare
 * number is bytes; see {@link SizeLimits}) for {@code jefevm disk create}, and checks it is a
 * whole number of 512-byte sectors within 8 MiB .. 2 TiB: room for the 1 MiB partition gap and
 * a usable NTFS volume, and no more than an MBR partition can describe.
 */
public final class DiskSizeConverter implements ITypeConverter<Long> {

    static final long MIN = 8L << 20;
    static final long MAX = 2L << 40;
    private static final SizeLimits LIMITS = new SizeLimits(MIN, MAX, BlockDevice.SECTOR_SIZE, "256M or 4G");

    @Override
    public Long convert(String text) {
        return LIMITS.parse(text);
    }
}
