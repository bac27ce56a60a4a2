package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;

/**
 * Reads guest memory the way the booted kernel will: through the loader's 4-level page tables
 * (SDM Vol.3 4.5), walked here independently of the emulator's MMU. Also reports the combined
 * write and execute permission of a mapping.
 */
final class GuestView {

    private static final long PRESENT = 1, WRITABLE = 2, LARGE = 0x80, NX = 1L << 63;
    private static final long ADDRESS = 0x000F_FFFF_FFFF_F000L;

    private final PhysicalMemory memory;
    private final long cr3;

    GuestView(PhysicalMemory memory, long cr3) {
        this.memory = memory;
        this.cr3 = cr3;
    }

    /** Physical address of {@code virt}, or -1 if unmapped. */
    long translate(long virt) {
        long[] leaf = walk(virt);
        return leaf == null ? -1 : leaf[0];
    }

    boolean writable(long virt) {
        long[] leaf = walk(virt);
        return leaf != null && leaf[1] != 0;
    }

    boolean executable(long virt) {
        long[] leaf = walk(virt);
        return leaf != null && leaf[2] != 0;
    }

    /** The leaf entry's raw bits (for cache-type checks), or 0 if unmapped. */
    long leafEntry(long virt) {
        long[] leaf = walk(virt);
        return leaf == null ? 0 : leaf[3];
    }

    long read64(long virt) {
        long pa = translate(virt);
        if (pa < 0) {
            throw new AssertionError("guest address 0x" + Long.toHexString(virt) + " is not mapped");
        }
        return memory.read64(pa);
    }

    int read32(long virt) {
        return (int) read64(virt);
    }

    int read8(long virt) {
        return (int) (read64(virt) & 0xFF);
    }

    String readString(long virt) {
        StringBuilder sb = new StringBuilder();
        for (long v = virt; ; v++) {
            int c = read8(v);
            if (c == 0) {
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    byte[] readBytes(long virt, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) read8(virt + i);
        }
        return out;
    }

    String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** {physical, writable, executable, entry} or null. */
    private long[] walk(long virt) {
        long table = cr3 & ADDRESS;
        boolean write = true;
        boolean exec = true;
        for (int shift = 39; shift >= 12; shift -= 9) {
            long entry = memory.read64(table + ((virt >>> shift) & 0x1FF) * 8);
            if ((entry & PRESENT) == 0) {
                return null;
            }
            write &= (entry & WRITABLE) != 0;
            exec &= (entry & NX) == 0;
            boolean leaf = shift == 12 || ((entry & LARGE) != 0 && shift <= 30);
            if (leaf) {
                long pageMask = (1L << shift) - 1;
                long frame = entry & ADDRESS & ~pageMask;
                return new long[] {frame | (virt & pageMask), write ? 1 : 0, exec ? 1 : 0, entry};
            }
            table = entry & ADDRESS;
        }
        return null;
    }
}
