package dev.jefevm.linuxuser.proc;

import dev.jefevm.linuxuser.elf.ElfImage;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.mem.Vma;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Puts a program into a fresh {@link AddressSpace}: its PT_LOAD segments (a PIE at
 * {@link #PIE_BASE}), its dynamic loader if it names one (at {@link #INTERPRETER_BASE}), the
 * program break after the program, and the initial stack the x86_64 System V
 * ABI (3.4.1, "Initial Stack and Register State") describes: argc, argv, envp, the auxiliary
 * vector, then the strings, with RSP 16-byte aligned at argc.
 */
public final class ProgramLoader {

    public static final long PIE_BASE = 0x0000_5555_5555_4000L;
    /** Where a dynamic loader (PT_INTERP) goes: above the mmap region, below the stack. */
    public static final long INTERPRETER_BASE = 0x0000_7f80_0000_0000L;
    public static final long STACK_TOP = 0x0000_7fff_ffff_f000L;
    public static final long STACK_SIZE = 8L << 20;

    // Auxiliary vector types (elf.h)
    static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
            AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15,
            AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31,
            AT_MINSIGSTKSZ = 51;
    /** CPUID.1:EDX as Linux reports it in AT_HWCAP: fpu..sse2 (everything this CPU model has). */
    static final long HWCAP = 0x178BFBFFL;

    /** Where a loaded program starts. */
    public record Entry(long rip, long rsp) {
    }

    private ProgramLoader() {
    }

    /**
     * Loads {@code image} (and its dynamic loader {@code interpreter}, or null) into {@code space}
     * and builds the stack; returns the entry state: the loader's entry if there is one.
     */
    public static Entry load(ElfImage image, ElfImage interpreter, AddressSpace space, List<String> argv,
            List<String> envp, String execfn, byte[] random16) {
        long base = image.positionIndependent ? PIE_BASE : 0;
        long end = loadSegments(image, space, base);
        space.initBrk(end);
        long interpBase = 0;
        long start = base + image.entry;
        if (interpreter != null) {
            interpBase = interpreter.positionIndependent ? INTERPRETER_BASE : 0;
            loadSegments(interpreter, space, interpBase);
            start = interpBase + interpreter.entry;
        }

        long phdr = image.phdrVaddr >= 0 ? base + image.phdrVaddr : phdrFromSegments(image, base);
        space.map(STACK_TOP - STACK_SIZE, STACK_TOP, Vma.READ | Vma.WRITE, "[stack]");
        return new Entry(start, buildStack(space, argv, envp, execfn, random16,
                new long[] {
                    AT_PHDR, phdr, AT_PHENT, image.phentsize, AT_PHNUM, image.phnum, AT_PAGESZ, AddressSpace.PAGE,
                    AT_BASE, interpBase, AT_FLAGS, 0, AT_ENTRY, base + image.entry, AT_UID, 0, AT_EUID, 0, AT_GID, 0,
                    AT_EGID, 0, AT_SECURE, 0, AT_HWCAP, HWCAP, AT_HWCAP2, 0, AT_CLKTCK, 100, AT_MINSIGSTKSZ, 2048}));
    }

    /** Maps and fills the PT_LOAD segments at {@code base}; returns the end of the highest one. */
    private static long loadSegments(ElfImage image, AddressSpace space, long base) {
        long end = 0;
        for (ElfImage.Segment s : image.segments) {
            long start = (base + s.vaddr()) & -AddressSpace.PAGE;
            long stop = (base + s.vaddr() + s.memSize() + AddressSpace.PAGE - 1) & -AddressSpace.PAGE;
            int prot = ((s.flags() & ElfImage.Segment.R) != 0 ? Vma.READ : 0)
                    | ((s.flags() & ElfImage.Segment.W) != 0 ? Vma.WRITE : 0)
                    | ((s.flags() & ElfImage.Segment.X) != 0 ? Vma.EXEC : 0);
            Vma existing = space.areaAt(start);
            if (existing != null) {
                // Segments sharing a page: the page gets both protections.
                space.protect(existing.start(), existing.end(), existing.prot() | prot);
                start = existing.end();
            }
            if (start < stop) {
                space.map(start, stop, prot, "elf");
            }
            space.load(base + s.vaddr(), image.bytes, (int) s.offset(), (int) s.fileSize());
            end = Math.max(end, stop);
        }
        return end;
    }

    private static long phdrFromSegments(ElfImage image, long base) {
        for (ElfImage.Segment s : image.segments) {
            if (image.phoff >= s.offset() && image.phoff < s.offset() + s.fileSize()) {
                return base + s.vaddr() + (image.phoff - s.offset());
            }
        }
        return 0;
    }

    /** Writes strings and vectors below {@link #STACK_TOP}; returns RSP (pointing at argc). */
    static long buildStack(AddressSpace space, List<String> argv, List<String> envp, String execfn, byte[] random16,
            long[] aux) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        long[] argvAt = new long[argv.size()];
        long[] envAt = new long[envp.size()];
        // Offsets from the top of the string area, resolved once its size is known.
        for (int i = 0; i < argv.size(); i++) {
            argvAt[i] = strings.size();
            strings.writeBytes(cString(argv.get(i)));
        }
        for (int i = 0; i < envp.size(); i++) {
            envAt[i] = strings.size();
            strings.writeBytes(cString(envp.get(i)));
        }
        long execfnOff = strings.size();
        strings.writeBytes(cString(execfn));
        long platformOff = strings.size();
        strings.writeBytes(cString("x86_64"));
        long randomOff = strings.size();
        strings.writeBytes(random16);
        byte[] area = strings.toByteArray();
        long areaStart = (STACK_TOP - 16 - area.length) & ~15L;
        space.write(areaStart, area, 0, area.length);

        int words = 1 + argv.size() + 1 + envp.size() + 1 + aux.length + 6 + 2;
        long rsp = (areaStart - words * 8L) & ~15L;
        ByteBuffer b = ByteBuffer.allocate(words * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(argv.size());
        for (long a : argvAt) {
            b.putLong(areaStart + a);
        }
        b.putLong(0);
        for (long e : envAt) {
            b.putLong(areaStart + e);
        }
        b.putLong(0);
        for (long a : aux) {
            b.putLong(a);
        }
        b.putLong(AT_EXECFN).putLong(areaStart + execfnOff);
        b.putLong(AT_PLATFORM).putLong(areaStart + platformOff);
        b.putLong(AT_RANDOM).putLong(areaStart + randomOff);
        b.putLong(AT_NULL).putLong(0);
        space.write(rsp, b.array(), 0, b.position());
        return rsp;
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }
}
