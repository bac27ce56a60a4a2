package dev.jefevm.core.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocates guest RAM. On Linux it asks the kernel for an anonymous private mapping
 * ({@code mmap(2)} with {@code MAP_NORESERVE}): its pages are zero and cost nothing until the
 * guest touches them, so a 64 GiB VM starts as fast as a 64 MiB one, the mapping does not count
 * against {@code -XX:MaxDirectMemorySize}, and the segment can later be handed to KVM as a memory
 * slot. Elsewhere (or if mmap is refused) it falls back to an automatic arena allocation, which
 * the JDK does count against {@code -XX:MaxDirectMemorySize} (by default the maximum heap size)
 * and zeroes up front, touching every page: that path suits small guests only. Either way the
 * memory is released when the segment becomes unreachable.
 */
final class RamAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(RamAllocator.class);

    // mmap(2) constants for x86_64 Linux (asm-generic/mman-common.h)
    private static final int PROT_READ = 0x1, PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
    /** madvise(2): private anonymous pages read as zero again afterwards. */
    private static final int MADV_DONTNEED = 4;

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;
    private static final MethodHandle MADVISE;

    static {
        MethodHandle mmap = null, munmap = null, madvise = null;
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                Optional<MemorySegment> m = linker.defaultLookup().find("mmap");
                Optional<MemorySegment> u = linker.defaultLookup().find("munmap");
                Optional<MemorySegment> a = linker.defaultLookup().find("madvise");
                if (m.isPresent() && u.isPresent() && a.isPresent()) {
                    mmap = linker.downcallHandle(m.get(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                    munmap = linker.downcallHandle(u.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                    madvise = linker.downcallHandle(a.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("mmap unavailable, guest RAM comes from the Java heap's native allocator", e);
            }
        }
        MMAP = mmap;
        MUNMAP = munmap;
        MADVISE = madvise;
    }

    /** An allocated RAM block; {@code mapped} says it came from mmap (and may be cleared by madvise). */
    record Block(MemorySegment segment, boolean mapped) {
    }

    private RamAllocator() {
    }

    /** A zeroed, page-aligned segment of {@code size} bytes. */
    static Block allocate(long size, long alignment) {
        if (MMAP != null) {
            try {
                MemorySegment base = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size,
                        PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
                if (base.address() != -1L && base.address() % alignment == 0) {
                    long address = base.address();
                    return new Block(base.reinterpret(size, Arena.ofAuto(), ignored -> unmap(address, size)), true);
                }
                LOG.debug("mmap of {} bytes failed; falling back", size);
            } catch (Throwable e) {
                LOG.debug("mmap of {} bytes failed; falling back", size, e);
            }
        }
        return new Block(Arena.ofAuto().allocate(size, alignment), false);
    }

    /**
     * Zeroes all of {@code segment}. A mapped block's pages are dropped (MADV_DONTNEED), which
     * frees the host memory behind them and reads as zero again; others are written with zeros.
     */
    static void zero(MemorySegment segment, boolean mapped) {
        if (mapped) {
            try {
                int rc = (int) MADVISE.invokeExact(segment, segment.byteSize(), MADV_DONTNEED);
                if (rc == 0) {
                    return;
                }
                LOG.debug("madvise(MADV_DONTNEED) of {} bytes returned {}; zeroing instead", segment.byteSize(), rc);
            } catch (Throwable e) {
                LOG.debug("madvise failed; zeroing instead", e);
            }
        }
        segment.fill((byte) 0);
    }

    private static void unmap(long address, long size) {
        try {
            int rc = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), size);
            if (rc != 0) {
                LOG.debug("munmap of {} bytes at {} returned {}", size, Long.toHexString(address), rc);
            }
        } catch (Throwable e) {
            LOG.debug("munmap failed", e);
        }
    }
}
