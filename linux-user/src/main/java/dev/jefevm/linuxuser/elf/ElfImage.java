package dev.jefevm.linuxuser.elf;

import dev.jefevm.linuxuser.LinuxUserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ELF64 x86_64 executable (System V gABI, "ELF header" and "Program header"): its type,
 * entry point, program headers and loadable segments, checked so that loading cannot fail
 * half-way. Static executables (ET_EXEC), PIEs (ET_DYN) and dynamically linked programs are
 * accepted; for the latter {@link #interpreter} names the dynamic loader (PT_INTERP), which the
 * runner loads from the host file system as qemu-user does.
 */
public final class ElfImage {

    /** A PT_LOAD segment: file bytes {@code [offset, offset+fileSize)} at {@code vaddr}, zero-filled to {@code memSize}. */
    public record Segment(long vaddr, long offset, long fileSize, long memSize, int flags) {
        public static final int X = 1, W = 2, R = 4;
    }

    static final int PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6;
    static final int ET_EXEC = 2, ET_DYN = 3;
    static final int EM_X86_64 = 62;

    static final int EHDR_SIZE = 64, PHDR_SIZE = 56;
    /**
     * End of the range a fixed-address program may occupy: below the mmap area, the dynamic
     * loader and the stack, far from the non-canonical hole at 2^47 (SDM Vol.1 3.3.7.1).
     */
    static final long USER_IMAGE_END = 0x7000_0000_0000L;
    /** Largest span of a position-independent image (program or loader), whatever base it is loaded at. */
    static final long MAX_PIE_SPAN = 1L << 38;

    public final byte[] bytes;
    public final boolean positionIndependent;
    public final long entry;
    public final long phoff;
    public final int phentsize;
    public final int phnum;
    /** The PT_PHDR address if present, else -1 (then computed from the segment holding the headers). */
    public final long phdrVaddr;
    public final List<Segment> segments;
    /** The PT_INTERP path (the dynamic loader), or null for a static program. */
    public final String interpreter;

    private ElfImage(byte[] bytes, boolean pie, long entry, long phoff, int phentsize, int phnum, long phdrVaddr,
            List<Segment> segments, String interpreter) {
        this.interpreter = interpreter;
        this.bytes = bytes;
        this.positionIndependent = pie;
        this.entry = entry;
        this.phoff = phoff;
        this.phentsize = phentsize;
        this.phnum = phnum;
        this.phdrVaddr = phdrVaddr;
        this.segments = segments;
    }

    /** Reads and checks {@code file}; the message of any failure names the file and the problem. */
    public static ElfImage read(Path file) throws LinuxUserException {
        if (Files.isDirectory(file)) {
            throw new LinuxUserException(file + ": is a directory");
        }
        if (!Files.exists(file)) {
            throw new LinuxUserException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new LinuxUserException(file + ": not a regular file");
        }
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new LinuxUserException(file + ": permission denied");
        } catch (IOException | OutOfMemoryError e) {
            throw new LinuxUserException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), b);
    }

    /** Parses an image already in memory ({@code name} is for messages). */
    public static ElfImage parse(String name, byte[] b) throws LinuxUserException {
        if (b.length < 4 || b[0] != 0x7F || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
            throw new LinuxUserException(name + ": not an ELF file");
        }
        if (b.length < EHDR_SIZE) {
            throw new LinuxUserException(name + ": truncated ELF header (" + b.length + " bytes)");
        }
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int type = h.getShort(16) & 0xFFFF;
        int machine = h.getShort(18) & 0xFFFF;
        if (b[4] != 2 || b[5] != 1 || machine != EM_X86_64) {
            throw new LinuxUserException(name + ": not an x86_64 ELF (class " + b[4] + ", machine " + machine + ")");
        }
        if (type != ET_EXEC && type != ET_DYN) {
            throw new LinuxUserException(name + ": not an executable (ELF type " + type + ")");
        }
        long entry = h.getLong(24);
        long phoff = h.getLong(32);
        int phentsize = h.getShort(54) & 0xFFFF;
        int phnum = h.getShort(56) & 0xFFFF;
        if (phnum == 0 || phentsize < PHDR_SIZE) {
            throw new LinuxUserException(name + ": malformed program headers");
        }
        if (!within(phoff, (long) phentsize * phnum, b.length)) {
            throw new LinuxUserException(name + ": program headers lie past the end of the file (truncated?)");
        }
        List<Segment> segments = new ArrayList<>();
        long phdr = -1;
        String interp = null;
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            int ptype = h.getInt(p);
            if (ptype == PT_INTERP) {
                long off = h.getLong(p + 8);
                long size = h.getLong(p + 32);
                if (size < 2 || size > 4096 || !within(off, size, b.length)) {
                    throw new LinuxUserException(name + ": malformed program header " + i);
                }
                interp = new String(b, (int) off, (int) size - 1, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (ptype == PT_PHDR) {
                phdr = h.getLong(p + 16);
            }
            if (ptype != PT_LOAD) {
                continue;
            }
            int flags = h.getInt(p + 4);
            long offset = h.getLong(p + 8);
            long vaddr = h.getLong(p + 16);
            long filesz = h.getLong(p + 32);
            long memsz = h.getLong(p + 40);
            if (!within(offset, filesz, b.length)) {
                throw new LinuxUserException(name + ": segment " + i + " lies past the end of the file (truncated?)");
            }
            if (memsz < filesz || (offset & 0xFFF) != (vaddr & 0xFFF)) {
                throw new LinuxUserException(name + ": malformed program header " + i);
            }
            long limit = type == ET_DYN ? MAX_PIE_SPAN : USER_IMAGE_END;
            if (!within(vaddr, memsz, limit)) {
                throw new LinuxUserException(name + ": segment " + i + " at 0x" + Long.toHexString(vaddr) + " size 0x"
                        + Long.toHexString(memsz) + " is outside user space (below 0x" + Long.toHexString(limit) + ")");
            }
            segments.add(new Segment(vaddr, offset, filesz, memsz, flags));
        }
        if (segments.isEmpty()) {
            throw new LinuxUserException(name + ": no loadable segment");
        }
        if (!inSomeSegment(entry, segments)) {
            throw new LinuxUserException(name + ": entry point 0x" + Long.toHexString(entry) + " is outside every segment");
        }
        return new ElfImage(b, type == ET_DYN, entry, phoff, phentsize, phnum, phdr, List.copyOf(segments), interp);
    }

    /** True if {@code [start, start+size)} lies within {@code [0, limit)}, without overflowing. */
    private static boolean within(long start, long size, long limit) {
        return start >= 0 && size >= 0 && start <= limit && size <= limit - start;
    }

    private static boolean inSomeSegment(long address, List<Segment> segments) {
        for (Segment s : segments) {
            if (address >= s.vaddr() && address - s.vaddr() < s.memSize()) {
                return true;
            }
        }
        return false;
    }
}
