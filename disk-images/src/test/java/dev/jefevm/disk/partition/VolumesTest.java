package dev.jefevm.disk.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VolumesTest {

    private static final long MIB = 1L << 20;

    /** A plain in-memory disk for partition tests. */
    private static final class ArrayDisk implements BlockDevice {
        final byte[] bytes;

        ArrayDisk(long size) {
            bytes = new byte[(int) size];
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public boolean readOnly() {
            return false;
        }

        @Override
        public void read(long offset, byte[] dst, int dstOffset, int length) {
            System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
        }

        @Override
        public void write(long offset, byte[] src, int srcOffset, int length) {
            System.arraycopy(src, srcOffset, bytes, (int) offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void locate_mbrWithNtfsPartition_findsItAt1MiB() throws Exception {
        ArrayDisk disk = new ArrayDisk(16 * MIB);
        Partitions.writeMbr(disk, MIB, 15 * MIB, Partitions.TYPE_NTFS);
        NtfsVolume.format(disk, MIB, 15 * MIB, "P");

        VolumeLocation loc = Volumes.locate(disk);

        assertEquals(new VolumeLocation(MIB, 15 * MIB), loc);
        NtfsVolume.mount(disk, loc.offset());
    }

    @Test
    void locate_bareVolume_findsItAtZero() throws Exception {
        ArrayDisk disk = new ArrayDisk(9 * MIB);
        NtfsVolume.format(disk, 0, 9 * MIB, "BARE");

        assertEquals(new VolumeLocation(0, 9 * MIB), Volumes.locate(disk));
    }

    @Test
    void locate_gptBasicDataPartition_findsIt() throws Exception {
        ArrayDisk disk = new ArrayDisk(16 * MIB);
        Partitions.writeMbr(disk, 512, 16 * MIB - 512, Partitions.TYPE_GPT_PROTECTIVE);
        byte[] header = new byte[512];
        System.arraycopy("EFI PART".getBytes(), 0, header, 0, 8);
        header[72] = 2; // entries at LBA 2
        header[80] = (byte) 128; // 128 entries
        header[84] = (byte) 128; // of 128 bytes
        disk.write(512, header, 0, 512);
        byte[] entry = new byte[128];
        System.arraycopy(Partitions.BASIC_DATA_GUID, 0, entry, 0, 16);
        entry[16] = 1;
        long first = 2048;
        long last = 16 * MIB / 512 - 34;
        for (int i = 0; i < 8; i++) {
            entry[32 + i] = (byte) (first >>> (8 * i));
            entry[40 + i] = (byte) (last >>> (8 * i));
        }
        disk.write(1024, entry, 0, 128);
        NtfsVolume.format(disk, first * 512, (last - first + 1) * 512, "GPT");

        assertEquals(new VolumeLocation(first * 512, (last - first + 1) * 512), Volumes.locate(disk));
    }

    @Test
    void locate_emptyDisk_throwsOneLineMessage() {
        ArrayDisk disk = new ArrayDisk(MIB);

        DiskImageException e = assertThrows(DiskImageException.class, () -> Volumes.locate(disk));

        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void writeMbr_partitionPastTheDisk_isRefused() {
        ArrayDisk disk = new ArrayDisk(MIB);

        assertThrows(DiskImageException.class, () -> Partitions.writeMbr(disk, 512, MIB, 7));
        assertEquals(0, Arrays.stream(new int[] {disk.bytes[510]}).sum());
    }
}
