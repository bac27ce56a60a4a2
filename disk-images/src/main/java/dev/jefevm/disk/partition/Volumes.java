package dev.jefevm.disk.partition;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImageException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Finds the NTFS volume of a disk the way the guest does: a bare volume starting at sector 0,
 * else the first MBR partition of type 0x07, else the first GPT "basic data" partition, each
 * only if its first sector carries the "NTFS    " boot sector signature.
 */
public final class Volumes {

    private Volumes() {
    }

    /** The location of the disk's NTFS volume; throws if there is none. */
    public static VolumeLocation locate(BlockDevice dev) throws IOException {
        if (isNtfs(dev, 0)) {
            return new VolumeLocation(0, dev.size());
        }
        for (Partitions.Partition p : Partitions.read(dev)) {
            boolean candidate = p.mbrType() == Partitions.TYPE_NTFS
                    || p.gptType() != null && Arrays.equals(p.gptType(), Partitions.BASIC_DATA_GUID);
            if (candidate && isNtfs(dev, p.location().offset())) {
                return p.location();
            }
        }
        throw new DiskImageException("no NTFS volume found (neither a bare volume nor an NTFS MBR or GPT partition)");
    }

    private static boolean isNtfs(BlockDevice dev, long offset) throws IOException {
        if (offset + BlockDevice.SECTOR_SIZE > dev.size()) {
            return false;
        }
        byte[] s = new byte[BlockDevice.SECTOR_SIZE];
        dev.read(offset, s, 0, s.length);
        return new String(s, 3, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("NTFS    ")
                && s[510] == 0x55 && s[511] == (byte) 0xAA;
    }
}
