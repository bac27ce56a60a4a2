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
 * guest touches them, so a 4 GiB VM starts as fast as a 64 MiB one, and the segment can later be
 * handed to KVM as a memory slot. Elsewhere (or if mmap is refused) it falls back to a zeroed
 * arena allocation. Either way the memory is released when the segment becomes unreachable.
 */
final class RamAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(RamAllocator.class);

    // mmap(2) constants for x86_64 Linux (asm-generic/mman-common.h)
    private static final int PROT_READ = 0x1, PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;

    static {
        MethodHandle mmap = null, munmap = null;
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                Optional<MemorySegment> m = linker.defaultLookup().find("mmap");
                Optional<MemorySegment> u = linker.defaultLookup().find("munmap");
                if (m.isPresent() && u.isPresent()) {
                    mmap = linker.downcallHandle(m.get(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                    munmap = linker.downcallHandle(u.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("mmap unavailable, guest RAM comes from the Java heap's native allocator", e);
            }
        }
        MMAP = mmap;
        MUNMAP = munmap;
    }

    private RamAllocator() {
    }

    /** A zeroed, page-aligned segment of {@code size} bytes. */
    static MemorySegment allocate(long size, long alignment) {
        if (MMAP != null) {
            try {
                MemorySegment base = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size,
                        PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
                if (base.address() != -1L && base.address() % alignment == 0) {
                    long address = base.address();
                    return base.reinterpret(size, Arena.ofAuto(), ignored -> unmap(address, size));
                }
                LOG.debug("mmap of {} bytes failed; falling back", size);
            } catch (Throwable e) {
                LOG.debug("mmap of {} bytes failed; falling back", size, e);
            }
        }
        return Arena.ofAuto().allocate(size, alignment);
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
