package dev.jefevm.loader.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 x86_64 executables for tests: a file header, one program header per
 * segment, and the segments' bytes after the table. Every header field can be overridden to
 * make malformed images.
 */
public final class ElfBuilder {

    public static final long TEXT = 0xFFFF_FFFF_8000_0000L;
    public static final long RODATA = 0xFFFF_FFFF_8000_1000L;
    public static final long DATA = 0xFFFF_FFFF_8000_2000L;

    /** One program header; {@code data} is its file contents, {@code memorySize} its size in memory. */
    public record Segment(int type, int flags, long vaddr, long paddr, byte[] data, long memorySize, long align) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private long entry = TEXT;
    private int elfClass = 2, dataEncoding = 1, version = 1, type = 2, machine = 62, phentsize = 56;

    /** A kernel with an executable text page, a read-only page and a writable data page with bss. */
    public static ElfBuilder kernel(byte[] text, byte[] rodata, byte[] data, long dataMemorySize) {
        return new ElfBuilder()
                .load(LoadSegment.PF_R | LoadSegment.PF_X, TEXT, text, text.length)
                .load(LoadSegment.PF_R, RODATA, rodata, rodata.length)
                .load(LoadSegment.PF_R | LoadSegment.PF_W, DATA, data, dataMemorySize);
    }

    /** A kernel whose only writable segment holds {@code data} (requests, tags, markers). */
    public static ElfBuilder kernelWithData(byte[] data) {
        return kernel(new byte[] {(byte) 0xF4, (byte) 0xEB, (byte) 0xFD}, new byte[16], data, data.length + 4096L);
    }

    public ElfBuilder load(int flags, long vaddr, byte[] data, long memorySize) {
        return segment(new Segment(1, flags, vaddr, vaddr, data, memorySize, 0x1000));
    }

    public ElfBuilder segment(Segment s) {
        segments.add(s);
        return this;
    }

    public ElfBuilder entry(long v) {
        entry = v;
        return this;
    }

    public ElfBuilder elfClass(int v) {
        elfClass = v;
        return this;
    }

    public ElfBuilder dataEncoding(int v) {
        dataEncoding = v;
        return this;
    }

    public ElfBuilder type(int v) {
        type = v;
        return this;
    }

    public ElfBuilder machine(int v) {
        machine = v;
        return this;
    }

    public ElfBuilder phentsize(int v) {
        phentsize = v;
        return this;
    }

    public ElfBuilder version(int v) {
        version = v;
        return this;
    }

    public byte[] build() {
        int tableEnd = 64 + 56 * segments.size();
        int size = tableEnd;
        List<Integer> offsets = new ArrayList<>();
        for (Segment s : segments) {
            size = (size + 15) & ~15;
            offsets.add(size);
            size += s.data().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) elfClass, (byte) dataEncoding, (byte) version});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1).putLong(entry).putLong(64).putLong(0);
        b.putInt(0).putShort((short) 64).putShort((short) phentsize).putShort((short) segments.size());
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            b.putInt(s.type()).putInt(s.flags()).putLong(offsets.get(i)).putLong(s.vaddr()).putLong(s.paddr());
            b.putLong(s.data().length).putLong(s.memorySize()).putLong(s.align());
        }
        for (int i = 0; i < segments.size(); i++) {
            b.position(offsets.get(i));
            b.put(segments.get(i).data());
        }
        return b.array();
    }

    /** Offset of program header {@code index}'s field at {@code fieldOffset} in the built file. */
    public static int programHeaderField(int index, int fieldOffset) {
        return 64 + 56 * index + fieldOffset;
    }

    public static void putLong(byte[] image, int at, long value) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }
}
