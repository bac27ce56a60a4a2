package dev.jefevm.loader.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses and validates an ELF64 little-endian x86_64 executable (System V gABI, "ELF Header" and
 * "Program Header"; x86-64 psABI for EM_X86_64) for loading as a Limine kernel. It reads only the
 * file header and the program header table; section headers are not needed to load. Every
 * malformed input becomes an {@link ElfFormatException}: no other exception escapes for any
 * byte array.
 */
public final class ElfParser {

    /** Limine protocol, "Memory Layout at Entry": executables load at or above this address. */
    public static final long HIGHER_HALF_BASE = 0xFFFF_FFFF_8000_0000L;

    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int ELFCLASS64 = 2, ELFDATA2LSB = 1, EV_CURRENT = 1;
    private static final int ET_EXEC = 2, ET_DYN = 3;
    private static final int EM_X86_64 = 62;
    private static final int PT_LOAD = 1;
    private static final int PN_XNUM = 0xFFFF;

    private ElfParser() {
    }

    /** Parses {@code bytes}; the returned image shares the array. */
    public static ElfImage parse(byte[] bytes) throws ElfFormatException {
        checkIdentification(bytes);
        int type = u16(bytes, 16);
        if (type == ET_DYN) {
            throw new ElfFormatException("position-independent (ET_DYN) kernels are not supported;"
                    + " link with -static -no-pie at or above 0xffffffff80000000");
        }
        if (type != ET_EXEC) {
            throw new ElfFormatException("not an executable ELF file (e_type " + type + ")");
        }
        int machine = u16(bytes, 18);
        if (machine != EM_X86_64) {
            throw new ElfFormatException("not an x86_64 ELF file (e_machine " + machine + ")");
        }
        long entry = u64(bytes, 24);
        List<LoadSegment> segments = readLoadSegments(bytes);
        checkNoOverlap(segments, false);
        checkNoOverlap(segments, true);
        segments.sort(Comparator.comparing(LoadSegment::virtualAddress, Long::compareUnsigned));
        checkEntry(entry, segments);
        return new ElfImage(bytes, entry, List.copyOf(segments));
    }

    private static void checkIdentification(byte[] b) throws ElfFormatException {
        if (b.length < 4 || b[0] != 0x7F || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
            throw new ElfFormatException("not an ELF file (bad magic)");
        }
        if (b.length < EHDR_SIZE) {
            throw new ElfFormatException("truncated ELF header (" + b.length + " bytes, need " + EHDR_SIZE + ")");
        }
        if (b[4] != ELFCLASS64) {
            throw new ElfFormatException("not an ELF64 file (ELF class " + b[4] + ")");
        }
        if (b[5] != ELFDATA2LSB) {
            throw new ElfFormatException("not a little-endian ELF file (data encoding " + b[5] + ")");
        }
        if (b[6] != EV_CURRENT) {
            throw new ElfFormatException("unsupported ELF version " + b[6]);
        }
    }

    private static List<LoadSegment> readLoadSegments(byte[] b) throws ElfFormatException {
        long phoff = u64(b, 32);
        int phentsize = u16(b, 54);
        int phnum = u16(b, 56);
        if (phnum == 0) {
            throw new ElfFormatException("no program headers");
        }
        if (phnum == PN_XNUM) {
            throw new ElfFormatException("too many program headers (extended numbering is not supported)");
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfFormatException("program header size " + phentsize + ", expected " + PHDR_SIZE);
        }
        long tableSize = (long) phnum * PHDR_SIZE;
        if (!fitsInFile(phoff, tableSize, b.length)) {
            throw new ElfFormatException("truncated program header table (offset " + hex(phoff)
                    + ", " + phnum + " entries, file is " + b.length + " bytes)");
        }
        List<LoadSegment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * PHDR_SIZE);
            if (u32(b, at) == PT_LOAD) {
                LoadSegment s = readSegment(b, at, i);
                if (s.memorySize() != 0) {
                    segments.add(s);
                }
            }
        }
        if (segments.isEmpty()) {
            throw new ElfFormatException("no loadable (PT_LOAD) segments");
        }
        return segments;
    }

    private static LoadSegment readSegment(byte[] b, int at, int index) throws ElfFormatException {
        int flags = u32(b, at + 4);
        long offset = u64(b, at + 8);
        long vaddr = u64(b, at + 16);
        long paddr = u64(b, at + 24);
        long filesz = u64(b, at + 32);
        long memsz = u64(b, at + 40);
        long align = u64(b, at + 48);
        String name = "segment " + index;
        if (Long.compareUnsigned(filesz, memsz) > 0) {
            throw new ElfFormatException(name + ": file size " + hex(filesz) + " exceeds memory size " + hex(memsz));
        }
        // A pure-bss segment reads no file bytes; some linkers give it an offset at or past the end.
        if (filesz != 0 && !fitsInFile(offset, filesz, b.length)) {
            throw new ElfFormatException(name + " is truncated: " + hex(filesz) + " bytes at offset "
                    + hex(offset) + " lie beyond the " + b.length + "-byte file");
        }
        if (align != 0 && (align & (align - 1)) != 0) {
            throw new ElfFormatException(name + ": alignment " + hex(align) + " is not a power of two");
        }
        if (Long.compareUnsigned(vaddr, HIGHER_HALF_BASE) < 0) {
            throw new ElfFormatException(name + " at " + hex(vaddr)
                    + " is below the higher half (Limine kernels load at or above 0xffffffff80000000)");
        }
        long end = vaddr + memsz;
        if (end != 0 && Long.compareUnsigned(end, vaddr) < 0) {
            throw new ElfFormatException(name + " at " + hex(vaddr) + " (" + hex(memsz)
                    + " bytes) runs past the top of the address space");
        }
        return new LoadSegment(index, offset, vaddr, paddr, filesz, memsz, align, flags);
    }

    /** Rejects two segments sharing a byte, in virtual or (when {@code physical}) physical space. */
    private static void checkNoOverlap(List<LoadSegment> segments, boolean physical) throws ElfFormatException {
        List<LoadSegment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparing(s -> physical ? s.physicalAddress() : s.virtualAddress(), Long::compareUnsigned));
        for (int i = 1; i < sorted.size(); i++) {
            LoadSegment prev = sorted.get(i - 1);
            LoadSegment next = sorted.get(i);
            long prevStart = physical ? prev.physicalAddress() : prev.virtualAddress();
            long nextStart = physical ? next.physicalAddress() : next.virtualAddress();
            // An end that wraps (to 0 or beyond) reaches the top of the space: everything after overlaps.
            long prevEnd = prevStart + prev.memorySize();
            boolean prevReachesTop = Long.compareUnsigned(prevEnd, prevStart) <= 0;
            if (prevReachesTop || Long.compareUnsigned(nextStart, prevEnd) < 0) {
                int first = Math.min(prev.index(), next.index());
                int second = Math.max(prev.index(), next.index());
                throw new ElfFormatException("segment " + second + " overlaps segment " + first
                        + (physical ? " in physical address space" : ""));
            }
        }
    }

    private static void checkEntry(long entry, List<LoadSegment> segments) throws ElfFormatException {
        for (LoadSegment s : segments) {
            if (Long.compareUnsigned(entry - s.virtualAddress(), s.memorySize()) < 0) {
                if (!s.executable()) {
                    throw new ElfFormatException("entry point " + hex(entry) + " lies in non-executable segment " + s.index());
                }
                return;
            }
        }
        throw new ElfFormatException("entry point " + hex(entry) + " is outside every loadable segment");
    }

    private static boolean fitsInFile(long offset, long size, int fileLength) {
        return Long.compareUnsigned(offset, fileLength) <= 0 && Long.compareUnsigned(size, fileLength - offset) <= 0;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int u32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }

    private static long u64(byte[] b, int at) {
        return (u32(b, at) & 0xFFFF_FFFFL) | (long) u32(b, at + 4) << 32;
    }
}
