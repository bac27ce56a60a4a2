package dev.jefevm.disk.ntfs;

/**
 * The NTFS boot sector (first sector of the volume, copied to its last sector): the BIOS
 * parameter block with sector and cluster sizes, the volume's sector count, where $MFT and
 * $MFTMirr start, the MFT record and index block sizes and the serial number. NTFS
 * documentation, "$Boot" / "Boot sector".
 *
 * @param bytesPerSector sector size (512 here)
 * @param clusterSize bytes per cluster
 * @param totalSectors sectors in the volume, not counting the backup boot sector
 * @param mftLcn first cluster of $MFT
 * @param mftMirrLcn first cluster of $MFTMirr
 * @param recordSize bytes per MFT record
 * @param indexBlockSize bytes per INDX block
 * @param serial volume serial number
 */
record BootSector(int bytesPerSector, int clusterSize, long totalSectors, long mftLcn, long mftMirrLcn,
                  int recordSize, int indexBlockSize, long serial) {

    long totalClusters() {
        return totalSectors * bytesPerSector / clusterSize;
    }

    /** Parses and validates a boot sector of a volume that has {@code available} bytes of room. */
    static BootSector parse(byte[] b, long available) throws NtfsException {
        if (!Le.hasMagic(b, 3, "NTFS") || b[7] != ' ' || Le.u16(b, 510) != 0xAA55) {
            throw new NtfsException("not an NTFS volume (no \"NTFS\" boot sector signature)");
        }
        int bps = Le.u16(b, 11);
        if (bps != 512) {
            throw new NtfsException("boot sector: unsupported sector size " + bps);
        }
        int spc = Le.u8(b, 13);
        int clusterSize = spc <= 0x80 ? spc * bps : bps << (256 - spc);
        if (Integer.bitCount(spc) != 1 && spc <= 0x80 || clusterSize < 512 || clusterSize > 65536 || Integer.bitCount(clusterSize) != 1) {
            throw new NtfsException("boot sector: bad sectors per cluster " + spc);
        }
        long totalSectors = Le.i64(b, 40);
        if (totalSectors <= 0 || totalSectors > available / bps) {
            throw new NtfsException("boot sector: volume of " + totalSectors + " sectors does not fit its " + available / bps + "-sector space");
        }
        long clusters = totalSectors * bps / clusterSize;
        long mft = Le.i64(b, 48);
        long mirr = Le.i64(b, 56);
        if (mft <= 0 || mft >= clusters || mirr <= 0 || mirr >= clusters) {
            throw new NtfsException("boot sector: $MFT or $MFTMirr cluster lies outside the volume");
        }
        int recordSize = sizeOf(b[64], clusterSize);
        if (recordSize != MftRecord.SIZE) {
            throw new NtfsException("boot sector: unsupported MFT record size " + recordSize);
        }
        int indexSize = sizeOf(b[68], clusterSize);
        if (indexSize < 512 || indexSize > 65536 || Integer.bitCount(indexSize) != 1) {
            throw new NtfsException("boot sector: bad index block size " + indexSize);
        }
        return new BootSector(bps, clusterSize, totalSectors, mft, mirr, recordSize, indexSize, Le.i64(b, 72));
    }

    /** Positive: clusters; negative: 2^-v bytes (NTFS documentation, "clusters per MFT record"). */
    private static int sizeOf(byte v, int clusterSize) {
        if (v > 0) {
            return v * clusterSize;
        }
        int shift = -v;
        return shift >= 8 && shift <= 20 ? 1 << shift : -1;
    }

    private static byte encodeSize(int size, int clusterSize) {
        return size >= clusterSize ? (byte) (size / clusterSize) : (byte) -Integer.numberOfTrailingZeros(size);
    }

    /** The sector's bytes; {@code hiddenSectors} is the volume's offset on its disk in sectors. */
    byte[] toBytes(long hiddenSectors) {
        byte[] b = new byte[512];
        b[0] = (byte) 0xEB;
        b[1] = 0x52;
        b[2] = (byte) 0x90;
        Le.putAscii(b, 3, "NTFS    ");
        Le.put16(b, 11, bytesPerSector);
        b[13] = (byte) (clusterSize / bytesPerSector);
        b[21] = (byte) 0xF8; // media descriptor: fixed disk
        Le.put16(b, 24, 63); // sectors per track and heads: the usual LBA-translated geometry
        Le.put16(b, 26, 255);
        Le.put32(b, 28, hiddenSectors);
        Le.put32(b, 36, 0x0080_0080L); // BIOS drive 0x80, "extended boot signature" 0x80
        Le.put64(b, 40, totalSectors);
        Le.put64(b, 48, mftLcn);
        Le.put64(b, 56, mftMirrLcn);
        b[64] = encodeSize(recordSize, clusterSize);
        b[68] = encodeSize(indexBlockSize, clusterSize);
        Le.put64(b, 72, serial);
        writeBootCode(b);
        Le.put16(b, 510, 0xAA55);
        return b;
    }

    /** Boot code that prints a message and halts: this volume holds data, not an operating system. */
    private static void writeBootCode(byte[] b) {
        String msg = "This is a JefeVM data volume, not a boot disk.\r\n";
        int code = 0x54; // where the jump at offset 0 lands
        int msgAt = code + 23;
        byte[] prog = {
            (byte) 0xFA, 0x31, (byte) 0xC0, (byte) 0x8E, (byte) 0xD8, // cli; xor ax,ax; mov ds,ax
            (byte) 0xBE, (byte) (0x7C00 + msgAt), (byte) ((0x7C00 + msgAt) >> 8), // mov si,msg
            (byte) 0xAC, 0x08, (byte) 0xC0, 0x74, 0x06, // next: lodsb; or al,al; jz halt
            (byte) 0xB4, 0x0E, (byte) 0xCD, 0x10, // mov ah,0x0e; int 0x10
            (byte) 0xEB, (byte) 0xF5, // jmp next
            (byte) 0xF4, (byte) 0xEB, (byte) 0xFD, // halt: hlt; jmp halt
        };
        System.arraycopy(prog, 0, b, code, prog.length);
        Le.putAscii(b, msgAt, msg);
    }
}
