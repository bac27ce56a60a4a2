package dev.jefevm.linuxuser.mem;

import dev.jefevm.core.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user half of one process's virtual memory: its areas ({@link Vma}) and the 4-level page
 * tables (SDM Vol.3 4.5) the CPU walks, built in guest-physical frames from the
 * {@link FrameAllocator}. Pages are mapped when first touched (by the program, through a page
 * fault the kernel resolves with {@link #handleFault}, or by the kernel itself copying system
 * call data), each owning its own frame; fork copies every mapped page eagerly. Host-side
 * accesses check the area's protection and throw {@link GuestFault} where the program could not
 * have accessed the memory either.
 *
 * <p>Leaf entries keep their frame while PROT_NONE (present bit clear, {@link #OWNED} set) so
 * that mprotect back to readable finds the data again.
 */
public final class AddressSpace {

    public static final long PAGE = PhysicalMemory.PAGE_SIZE;
    /** Highest address (exclusive) of the user half: 47-bit canonical addresses (SDM Vol.1 3.3.7.1). */
    public static final long USER_END = 0x0000_8000_0000_0000L;
    /** Top of the region mmap picks addresses from, growing down below the stack. */
    public static final long MMAP_TOP = 0x0000_7f00_0000_0000L;
    private static final long MMAP_BOTTOM = 0x0000_1000_0000L;

    // Page-table entry bits (SDM Vol.3 4.5, table 4-19); bit 9 is ignored by the CPU and marks an owned frame.
    private static final long P = 1, RW = 2, US = 4, NX = 1L << 63, OWNED = 1L << 9;
    private static final long ADDR = 0x000F_FFFF_FFFF_F000L;

    private final PhysicalMemory memory;
    private final FrameAllocator frames;
    private final long root;
    private final TreeMap<Long, Vma> areas = new TreeMap<>();
    private long brkStart, brk;

    public AddressSpace(PhysicalMemory memory, FrameAllocator frames) {
        this.memory = memory;
        this.frames = frames;
        this.root = frames.allocate();
        if (root < 0) {
            throw GuestMemoryExhausted.INSTANCE;
        }
    }

    /** The physical address of the PML4: the value for CR3. */
    public long root() {
        return root;
    }

    // ------------------------------------------------------------------ areas

    /** The areas in address order. */
    public List<Vma> areas() {
        return new ArrayList<>(areas.values());
    }

    /** The area holding {@code va}, or null. */
    public Vma areaAt(long va) {
        Map.Entry<Long, Vma> e = areas.floorEntry(va);
        return e != null && e.getValue().contains(va) ? e.getValue() : null;
    }

    /** Maps {@code [start, end)} as a new area, replacing whatever was there (MAP_FIXED semantics). */
    public void map(long start, long end, int prot, String name) {
        unmap(start, end);
        areas.put(start, new Vma(start, end, prot, name));
    }

    /** True if no area overlaps {@code [start, end)}. */
    public boolean isFree(long start, long end) {
        return overlapBelow(start, end) == null;
    }

    /** The highest-starting area that overlaps {@code [start, end)}, or null. */
    private Vma overlapBelow(long start, long end) {
        Map.Entry<Long, Vma> e = areas.lowerEntry(end);
        return e != null && e.getValue().end() > start ? e.getValue() : null;
    }

    /** A free range of {@code length} bytes below {@link #MMAP_TOP}, highest first; -1 if none. */
    public long findFree(long length) {
        long candidate = MMAP_TOP - length;
        while (candidate >= MMAP_BOTTOM) {
            Vma v = overlapBelow(candidate, candidate + length);
            if (v == null) {
                return candidate;
            }
            candidate = v.start() - length;
        }
        return -1;
    }

    /** Removes {@code [start, end)} from every area and frees its pages. */
    public void unmap(long start, long end) {
        splitAt(start);
        splitAt(end);
        for (Vma v : new ArrayList<>(areas.subMap(start, end).values())) {
            areas.remove(v.start());
        }
        for (long va = start; va < end; va += PAGE) {
            long pte = entryAddress(va, false);
            if (pte < 0) {
                va = nextTableBoundary(va);
                continue;
            }
            long e = memory.read64(pte);
            if ((e & OWNED) != 0) {
                frames.release(e & ADDR);
            }
            memory.write64(pte, 0);
        }
    }

    /** mprotect: false if part of the range is not mapped (nothing changes then). */
    public boolean protect(long start, long end, int prot) {
        for (long va = start; va < end; ) {
            Vma v = areaAt(va);
            if (v == null) {
                return false;
            }
            va = v.end();
        }
        splitAt(start);
        splitAt(end);
        for (Vma v : new ArrayList<>(areas.subMap(start, end).values())) {
            areas.put(v.start(), new Vma(v.start(), v.end(), prot, v.name()));
        }
        for (long va = start; va < end; va += PAGE) {
            long pte = entryAddress(va, false);
            if (pte < 0) {
                va = nextTableBoundary(va);
                continue;
            }
            long e = memory.read64(pte);
            if ((e & OWNED) != 0) {
                memory.write64(pte, leaf(e & ADDR, prot));
            }
        }
        return true;
    }

    /** Moves the pages of {@code [from, from+length)} to {@code to} (mremap with MREMAP_MAYMOVE). */
    public void move(long from, long length, long to, long newLength) {
        Vma old = areaAt(from);
        int prot = old == null ? Vma.READ | Vma.WRITE : old.prot();
        String name = old == null ? "mremap" : old.name();
        map(to, to + newLength, prot, name);
        for (long off = 0; off < length; off += PAGE) {
            long src = entryAddress(from + off, false);
            if (src >= 0 && (memory.read64(src) & OWNED) != 0) {
                long e = memory.read64(src);
                memory.write64(src, 0);
                long dst = entryAddress(to + off, true);
                if (dst >= 0) {
                    memory.write64(dst, e);
                } else {
                    frames.release(e & ADDR);
                }
            }
        }
        unmap(from, from + length);
    }

    private void splitAt(long va) {
        Vma v = areaAt(va);
        if (v != null && v.start() != va) {
            areas.put(v.start(), new Vma(v.start(), va, v.prot(), v.name()));
            areas.put(va, new Vma(va, v.end(), v.prot(), v.name()));
        }
    }

    // ------------------------------------------------------------------ program break

    public void initBrk(long start) {
        brkStart = start;
        brk = start;
    }

    /** brk(2): moves the break if possible and returns the (new or unchanged) break. */
    public long setBrk(long requested) {
        if (requested < brkStart) {
            return brk;
        }
        long oldTop = (brk + PAGE - 1) & -PAGE;
        long newTop = (requested + PAGE - 1) & -PAGE;
        if (newTop > oldTop) {
            if (!isFree(oldTop, newTop)) {
                return brk;
            }
            Vma below = areaAt(oldTop - 1);
            if (below != null && below.name().equals("[heap]")) {
                areas.put(below.start(), new Vma(below.start(), newTop, below.prot(), "[heap]"));
            } else {
                areas.put(oldTop, new Vma(oldTop, newTop, Vma.READ | Vma.WRITE, "[heap]"));
            }
        } else if (newTop < oldTop) {
            unmap(newTop, oldTop);
        }
        brk = requested;
        return brk;
    }

    // ------------------------------------------------------------------ page tables

    /** Physical address of the leaf entry for {@code va}, creating tables if asked; -1 if absent. */
    private long entryAddress(long va, boolean create) {
        long table = root;
        for (int shift = 39; shift > 12; shift -= 9) {
            long slot = table + ((va >>> shift) & 511) * 8;
            long e = memory.read64(slot);
            if ((e & P) == 0) {
                if (!create) {
                    return -1;
                }
                long t = frames.allocate();
                if (t < 0) {
                    throw GuestMemoryExhausted.INSTANCE;
                }
                e = t | P | RW | US;
                memory.write64(slot, e);
            }
            table = e & ADDR;
        }
        return table + ((va >>> 12) & 511) * 8;
    }

    private static long leaf(long frame, int prot) {
        long e = frame | OWNED | US;
        if (prot != 0) {
            e |= P;
        }
        if ((prot & Vma.WRITE) != 0) {
            e |= RW;
        }
        if ((prot & Vma.EXEC) == 0) {
            e |= NX;
        }
        return e;
    }

    /**
     * Resolves a fault of the program at {@code va}: maps a zeroed page if an area allows the
     * access. Returns false for a real protection violation (SIGSEGV); throws
     * {@link GuestMemoryExhausted} when no frame is left for the page.
     */
    public boolean handleFault(long va, boolean write, boolean fetch) {
        Vma v = areaAt(va);
        if (v == null || v.prot() == 0 || write && (v.prot() & Vma.WRITE) == 0
                || fetch && (v.prot() & Vma.EXEC) == 0) {
            return false;
        }
        long pte = entryAddress(va, true);
        if (pte < 0) {
            return false;
        }
        long e = memory.read64(pte);
        if ((e & OWNED) == 0) {
            long frame = frames.allocate();
            if (frame < 0) {
                throw GuestMemoryExhausted.INSTANCE;
            }
            memory.write64(pte, leaf(frame, v.prot()));
            return true;
        }
        // Present but refused (or PROT_NONE kept): only a stale entry, rebuild it from the area.
        long fixed = leaf(e & ADDR, v.prot());
        if (fixed == e) {
            return false;
        }
        memory.write64(pte, fixed);
        return true;
    }

    /** The physical address of {@code va} for a kernel access on the program's behalf. */
    public long physical(long va, boolean write) {
        if (Long.compareUnsigned(va, USER_END) >= 0) {
            throw GuestFault.INSTANCE;
        }
        long pte = entryAddress(va, false);
        if (pte >= 0) {
            long e = memory.read64(pte);
            if ((e & P) != 0 && (!write || (e & RW) != 0)) {
                return (e & ADDR) | (va & (PAGE - 1));
            }
        }
        if (!handleFault(va, write, false)) {
            throw GuestFault.INSTANCE;
        }
        return (memory.read64(entryAddress(va, false)) & ADDR) | (va & (PAGE - 1));
    }

    /** Writes into pages regardless of their protection (the loader filling read-only segments). */
    public void load(long va, byte[] data, int off, int length) {
        while (length > 0) {
            Vma v = areaAt(va);
            if (v == null) {
                throw GuestFault.INSTANCE;
            }
            long pte = entryAddress(va, true);
            long e = memory.read64(pte);
            if ((e & OWNED) == 0) {
                long frame = frames.allocate();
                if (frame < 0) {
                    throw GuestMemoryExhausted.INSTANCE;
                }
                e = leaf(frame, v.prot());
                memory.write64(pte, e);
            }
            int n = (int) Math.min(length, PAGE - (va & (PAGE - 1)));
            memory.writeBytes((e & ADDR) | (va & (PAGE - 1)), data, off, n);
            va += n;
            off += n;
            length -= n;
        }
    }

    // ------------------------------------------------------------------ kernel access to user memory

    public void read(long va, byte[] dst, int off, int length) {
        while (length > 0) {
            int n = (int) Math.min(length, PAGE - (va & (PAGE - 1)));
            memory.readBytes(physical(va, false), dst, off, n);
            va += n;
            off += n;
            length -= n;
        }
    }

    public void write(long va, byte[] src, int off, int length) {
        while (length > 0) {
            int n = (int) Math.min(length, PAGE - (va & (PAGE - 1)));
            memory.writeBytes(physical(va, true), src, off, n);
            va += n;
            off += n;
            length -= n;
        }
    }

    public long read64(long va) {
        byte[] b = new byte[8];
        read(va, b, 0, 8);
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public int read32(long va) {
        byte[] b = new byte[4];
        read(va, b, 0, 4);
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public void write64(long va, long value) {
        byte[] b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        write(va, b, 0, 8);
    }

    public void write32(long va, int value) {
        byte[] b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(value).array();
        write(va, b, 0, 4);
    }

    /** A NUL-terminated string of at most {@code max} bytes, decoded as UTF-8. */
    public String readString(long va, int max) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < max; i++) {
            int b = memory.read8(physical(va + i, false));
            if (b == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(b);
        }
        throw GuestFault.INSTANCE;
    }

    // ------------------------------------------------------------------ fork and exit

    /** A copy of this address space with every mapped page duplicated (fork). */
    public AddressSpace copy() {
        AddressSpace c = new AddressSpace(memory, frames);
        c.areas.putAll(areas);
        c.brkStart = brkStart;
        c.brk = brk;
        byte[] page = new byte[(int) PAGE];
        for (Vma v : areas.values()) {
            for (long va = v.start(); va < v.end(); va += PAGE) {
                long pte = entryAddress(va, false);
                if (pte < 0) {
                    va = nextTableBoundary(va);
                    continue;
                }
                long e = memory.read64(pte);
                if ((e & OWNED) != 0) {
                    long frame = frames.allocate();
                    if (frame < 0) {
                        c.destroy();
                        throw GuestMemoryExhausted.INSTANCE;
                    }
                    long dst;
                    try {
                        dst = c.entryAddress(va, true);
                    } catch (GuestMemoryExhausted e2) {
                        frames.release(frame);
                        c.destroy();
                        throw e2;
                    }
                    memory.readBytes(e & ADDR, page, 0, page.length);
                    memory.writeBytes(frame, page, 0, page.length);
                    memory.write64(dst, (e & ~ADDR) | frame);
                }
            }
        }
        return c;
    }

    /** The last page address before the next 2 MiB boundary: skipping a missing page table. */
    private static long nextTableBoundary(long va) {
        return (va | 0x1F_FFFFL) - PAGE + 1;
    }

    /** Frees every page and page table (exit or exec). */
    public void destroy() {
        free(root, 4);
        areas.clear();
    }

    private void free(long table, int level) {
        int entries = level == 4 ? 256 : 512; // the PML4's upper half is never used
        for (int i = 0; i < entries; i++) {
            long e = memory.read64(table + i * 8L);
            if (level == 1) {
                if ((e & OWNED) != 0) {
                    frames.release(e & ADDR);
                }
            } else if ((e & P) != 0) {
                free(e & ADDR, level - 1);
            }
        }
        frames.release(table);
    }
}
