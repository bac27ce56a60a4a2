// mm/VirtualMemoryManager: JefeOS's own 4-level page tables (SDM Vol.3 4.5).
// initialize() builds a fresh PML4 that maps
//   - the kernel's three segments at their link addresses: text R+X, rodata R+NX,
//     data+bss RW+NX (the physical frames are found by walking the loader's tables), except
//     the boot stack's guard page;
//   - the HHDM at the loader's offset for every memory-map entry except bad memory, with
//     2 MiB pages (each entry rounded out to 2 MiB), and the framebuffer;
// then loads CR3. NX is used when EFER.NXE is on (Limine sets it; we set it if the CPU has
// NX and it is off). Nothing in the lower half is mapped: a null or user-half access faults.
// map4K/map2M add mappings later; page-table frames come from the PMM.
#pragma once

#include <stdint.h>

#include "boot/LimineProtocol.h"
#include "lib/ErrorOr.h"

namespace mm {

namespace pte {
constexpr uint64_t kPresent = 1ull << 0;
constexpr uint64_t kWritable = 1ull << 1;
constexpr uint64_t kUser = 1ull << 2;
constexpr uint64_t kLargePage = 1ull << 7;  // PS in a PDE: maps 2 MiB
constexpr uint64_t kNoExecute = 1ull << 63;
constexpr uint64_t kAddressMask = 0x000FFFFFFFFFF000ull;
}  // namespace pte

class VirtualMemoryManager {
public:
    static lib::ErrorOr<void> initialize(const boot::limine::MemoryMapResponse& map,
                                         const boot::limine::FramebufferResponse* framebuffer);

    // flags: pte::kWritable / kUser / kNoExecute (kNoExecute is dropped without NXE).
    static lib::ErrorOr<void> map4K(uint64_t virt, uint64_t phys, uint64_t flags);
    static lib::ErrorOr<void> map2M(uint64_t virt, uint64_t phys, uint64_t flags);
    static uint64_t pml4Physical();
    static bool noExecuteEnabled();
};

}  // namespace mm
