package dev.jefevm.disk.partition;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Partition tables: writing a classic MBR with one primary partition, and reading MBR and GPT
 * entries. MBR layout from the IBM PC/AT boot record (four 16-byte entries at 0x1BE, signature
 * 0x55AA); GPT from UEFI 2.x chapter 5 (header at LBA 1, "EFI PART", entry array).
 */
public final class Partitions {

    /** MBR partition type of NTFS (and exFAT/HPFS) volumes. */
    public static final int TYPE_NTFS = 0x07;
    /** MBR partition type of the protective entry covering a GPT disk. */
    public static final int TYPE_GPT_PROTECTIVE = 0xEE;
    /** GPT "Microsoft basic data" type GUID EBD0A0A2-B9E5-4433-87C0-68B6B72699C7 as stored (mixed endian). */
    static final byte[] BASIC_DATA_GUID = {
        (byte) 0xA2, (byte) 0xA0, (byte) 0xD0, (byte) 0xEB, (byte) 0xE5, (byte) 0xB9, 0x33, 0x44,
        (byte) 0x87, (byte) 0xC0, 0x68, (byte) 0xB6, (byte) 0xB7, 0x26, (byte) 0x99, (byte) 0xC7,
    };
    private static final int SECTOR = BlockDevice.SECTOR_SIZE;
    private static final int ENTRIES = 0x1BE;
    private static final int MAX_GPT_ENTRIES = 1024;

    /** One partition found in a table: MBR type (or -1 for GPT), GPT type GUID (or null) and place. */
    public record Partition(int mbrType, byte[] gptType, VolumeLocation location) {
    }

    private Partitions() {
    }

    /**
     * Writes an MBR whose only partition, of type {@code type}, starts at {@code partitionOffset}
     * and is {@code partitionSize} bytes long (both multiples of 512); the rest of sector 0 is
     * cleared apart from a disk signature.
     */
    public static void writeMbr(BlockDevice dev, long partitionOffset, long partitionSize, int type) throws IOException {
        long start = partitionOffset / SECTOR;
        long count = partitionSize / SECTOR;
        if (partitionOffset % SECTOR != 0 || partitionSize % SECTOR != 0 || start < 1 || count < 1
                || partitionOffset + partitionSize > dev.size() || start + count > 0xFFFF_FFFFL || type < 1 || type > 0xFF) {
            throw new DiskImageException("partition " + partitionOffset + "+" + partitionSize + " does not fit an MBR on this disk");
        }
        byte[] mbr = new byte[SECTOR];
        putInt(mbr, 440, (int) (0x4A454645L ^ partitionSize)); // disk signature
        int e = ENTRIES;
        mbr[e] = 0x00; // not bootable: a data disk
        chs(mbr, e + 1, start);
        mbr[e + 4] = (byte) type;
        chs(mbr, e + 5, start + count - 1);
        putInt(mbr, e + 8, (int) start);
        putInt(mbr, e + 12, (int) count);
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xAA;
        dev.write(0, mbr, 0, SECTOR);
    }

    /** CHS address of an LBA in the 255-head, 63-sector translation, clamped to 1023/254/63 as usual. */
    private static void chs(byte[] b, int off, long lba) {
        long c = lba / (255 * 63);
        long h = lba / 63 % 255;
        long s = lba % 63 + 1;
        if (c > 1023) {
            c = 1023;
            h = 254;
            s = 63;
        }
        b[off] = (byte) h;
        b[off + 1] = (byte) (s | (c >> 8) << 6);
        b[off + 2] = (byte) c;
    }

    /** The partitions of the disk's MBR or, for a protective MBR, its GPT; empty if sector 0 has no table. */
    public static List<Partition> read(BlockDevice dev) throws IOException {
        List<Partition> out = new ArrayList<>();
        if (dev.size() < 2 * SECTOR) {
            return out;
        }
        byte[] mbr = new byte[SECTOR];
        dev.read(0, mbr, 0, SECTOR);
        if (mbr[510] != 0x55 || mbr[511] != (byte) 0xAA) {
            return out;
        }
        for (int i = 0; i < 4; i++) {
            int e = ENTRIES + 16 * i;
            int type = mbr[e + 4] & 0xFF;
            if (type == TYPE_GPT_PROTECTIVE) {
                return readGpt(dev);
            }
            long start = getInt(mbr, e + 8);
            long count = getInt(mbr, e + 12);
            if (type != 0 && count > 0 && (start + count) * SECTOR <= dev.size() && start > 0) {
                out.add(new Partition(type, null, new VolumeLocation(start * SECTOR, count * SECTOR)));
            }
        }
        return out;
    }

    private static List<Partition> readGpt(BlockDevice dev) throws IOException {
        byte[] h = new byte[SECTOR];
        dev.read(SECTOR, h, 0, SECTOR);
        if (!new String(h, 0, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("EFI PART")) {
            throw new DiskImageException("protective MBR but no GPT header at LBA 1");
        }
        long entriesLba = getLong(h, 72);
        long count = getInt(h, 80);
        long entrySize = getInt(h, 84);
        if (entrySize < 128 || entrySize > 4096 || count > MAX_GPT_ENTRIES || entriesLba < 2
                || (entriesLba * SECTOR + count * entrySize) > dev.size()) {
            throw new DiskImageException("GPT header has a bad partition entry array");
        }
        byte[] entries = new byte[(int) (count * entrySize)];
        dev.read(entriesLba * SECTOR, entries, 0, entries.length);
        List<Partition> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int e = (int) (i * entrySize);
            byte[] type = java.util.Arrays.copyOfRange(entries, e, e + 16);
            long first = getLong(entries, e + 32);
            long last = getLong(entries, e + 40);
            boolean unused = java.util.Arrays.equals(type, new byte[16]);
            if (!unused && first > 0 && last >= first && (last + 1) * SECTOR <= dev.size()) {
                out.add(new Partition(-1, type, new VolumeLocation(first * SECTOR, (last - first + 1) * SECTOR)));
            }
        }
        return out;
    }

    private static void putInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long getInt(byte[] b, int off) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static long getLong(byte[] b, int off) {
        return getInt(b, off) | getInt(b, off + 4) << 32;
    }
}
