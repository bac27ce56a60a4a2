// mm/PhysicalMemoryManager: hands out 4 KiB physical frames. Interface: initialize() builds
// a bitmap (1 bit per frame, 1 = in use) covering memory up to the end of the highest usable
// entry, stores it in the first usable region big enough, and frees the frames of every
// usable entry at or above 1 MiB (the first MiB is never handed out: firmware and legacy
// areas live there). allocate(n) returns n physically contiguous frames; free() returns
// them. Frames are not zeroed. Only usable entries are ever allocated; bootloader-
// reclaimable memory stays untouched because the Limine responses live there.
// Single CPU, no interrupts: no locking yet.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "boot/LimineProtocol.h"
#include "lib/ErrorOr.h"

namespace mm {

constexpr uint64_t kFrameSize = 4096;

struct FrameStats {
    uint64_t totalFrames;   // every RAM-backed memory-map entry (not reserved, bad or framebuffer)
    uint64_t usableFrames;  // frames the allocator manages
    uint64_t freeFrames;    // of those, currently free
};

class PhysicalMemoryManager {
public:
    static lib::ErrorOr<void> initialize(const boot::limine::MemoryMapResponse& map, uint64_t hhdmOffset);

    static lib::ErrorOr<uint64_t> allocate(size_t count = 1);
    static void free(uint64_t physical, size_t count = 1);
    static FrameStats stats();
    static uint64_t hhdmOffset();
    // Translates a physical address into its HHDM virtual address.
    template <typename T>
    static T* toVirtual(uint64_t physical) {
        return reinterpret_cast<T*>(physical + hhdmOffset());
    }
};

}  // namespace mm
