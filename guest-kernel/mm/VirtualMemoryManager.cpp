// mm/VirtualMemoryManager: see VirtualMemoryManager.h.
#include "mm/VirtualMemoryManager.h"

#include "arch/Cpu.h"
#include "lib/String.h"
#include "mm/PhysicalMemoryManager.h"

extern "C" char __text_start[], __text_end[], __rodata_start[], __rodata_end[], __data_start[], __data_end[];
extern "C" char boot_stack_guard[];  // arch/entry.S: left unmapped to catch stack overflow

namespace mm {

namespace {

using namespace boot::limine;

constexpr uint64_t k4K = 0x1000;
constexpr uint64_t k2M = 0x200000;

uint64_t g_pml4 = 0;
uint64_t g_nxMask = 0;

int indexAt(uint64_t virt, int level) { return (virt >> (12 + 9 * (level - 1))) & 0x1FF; }

uint64_t* tableAt(uint64_t phys) { return PhysicalMemoryManager::toVirtual<uint64_t>(phys); }

// Returns the table one level down from `entry`, creating a zeroed one if absent.
lib::ErrorOr<uint64_t*> childTable(uint64_t* entry) {
    if ((*entry & pte::kPresent) == 0) {
        uint64_t frame = TRY(PhysicalMemoryManager::allocate());
        memset(tableAt(frame), 0, k4K);
        *entry = frame | pte::kPresent | pte::kWritable;
    } else if ((*entry & pte::kLargePage) != 0) {
        return lib::Error::from(lib::ErrorCode::InvalidArgument, "VMM: range already mapped by a large page");
    }
    return tableAt(*entry & pte::kAddressMask);
}

uint64_t leafFlags(uint64_t flags) {
    uint64_t f = pte::kPresent | (flags & (pte::kWritable | pte::kUser));
    if ((flags & pte::kNoExecute) != 0) {
        f |= g_nxMask;
    }
    return f;
}

// Walks the tables rooted at `cr3` (the loader's) to find where `virt` is mapped.
bool translate(uint64_t cr3, uint64_t virt, uint64_t* phys) {
    uint64_t table = cr3 & pte::kAddressMask;
    for (int level = 4; level >= 1; level--) {
        uint64_t entry = tableAt(table)[indexAt(virt, level)];
        if ((entry & pte::kPresent) == 0) {
            return false;
        }
        if (level > 1 && (entry & pte::kLargePage) != 0) {
            uint64_t pageSize = 1ull << (12 + 9 * (level - 1));
            *phys = (entry & pte::kAddressMask & ~(pageSize - 1)) + (virt & (pageSize - 1));
            return true;
        }
        table = entry & pte::kAddressMask;
    }
    *phys = table + (virt & (k4K - 1));
    return true;
}

lib::ErrorOr<void> mapKernelRange(uint64_t loaderCr3, const char* start, const char* end, uint64_t flags) {
    for (uint64_t v = reinterpret_cast<uint64_t>(start); v < reinterpret_cast<uint64_t>(end); v += k4K) {
        if (v == reinterpret_cast<uint64_t>(boot_stack_guard)) {
            continue;
        }
        uint64_t phys;
        if (!translate(loaderCr3, v, &phys)) {
            return lib::Error::from(lib::ErrorCode::NotFound, "VMM: a kernel page is not mapped by the loader");
        }
        TRY(VirtualMemoryManager::map4K(v, phys, flags));
    }
    return {};
}

// Maps [phys, phys + length) rounded out to 2 MiB at hhdm + phys; PDEs already present are
// kept (memory-map entries may share a 2 MiB page).
lib::ErrorOr<void> mapDirect(uint64_t phys, uint64_t length, uint64_t hhdm) {
    uint64_t start = phys & ~(k2M - 1);
    uint64_t end = (phys + length + k2M - 1) & ~(k2M - 1);
    for (uint64_t p = start; p < end; p += k2M) {
        uint64_t virt = hhdm + p;
        uint64_t* pml4 = tableAt(g_pml4);
        uint64_t* pdpt = TRY(childTable(&pml4[indexAt(virt, 4)]));
        uint64_t* pd = TRY(childTable(&pdpt[indexAt(virt, 3)]));
        uint64_t& pde = pd[indexAt(virt, 2)];
        if ((pde & pte::kPresent) == 0) {
            pde = p | pte::kLargePage | leafFlags(pte::kWritable | pte::kNoExecute);
        }
    }
    return {};
}

void enableNoExecute() {
    // CPUID 0x80000001 EDX bit 20: execute-disable available (SDM Vol.2 CPUID).
    arch::CpuidResult max = arch::cpuid(0x80000000);
    if (max.eax < 0x80000001 || (arch::cpuid(0x80000001).edx & (1u << 20)) == 0) {
        g_nxMask = 0;
        return;
    }
    uint64_t efer = arch::rdmsr(arch::kMsrEfer);
    if ((efer & arch::kEferNxe) == 0) {
        arch::wrmsr(arch::kMsrEfer, efer | arch::kEferNxe);
    }
    g_nxMask = pte::kNoExecute;
}

}  // namespace

lib::ErrorOr<void> VirtualMemoryManager::map4K(uint64_t virt, uint64_t phys, uint64_t flags) {
    uint64_t* pml4 = tableAt(g_pml4);
    uint64_t* pdpt = TRY(childTable(&pml4[indexAt(virt, 4)]));
    uint64_t* pd = TRY(childTable(&pdpt[indexAt(virt, 3)]));
    uint64_t* pt = TRY(childTable(&pd[indexAt(virt, 2)]));
    pt[indexAt(virt, 1)] = (phys & pte::kAddressMask) | leafFlags(flags);
    return {};
}

lib::ErrorOr<void> VirtualMemoryManager::map2M(uint64_t virt, uint64_t phys, uint64_t flags) {
    if ((virt | phys) & (k2M - 1)) {
        return lib::Error::from(lib::ErrorCode::InvalidArgument, "VMM: 2 MiB mapping not aligned");
    }
    uint64_t* pml4 = tableAt(g_pml4);
    uint64_t* pdpt = TRY(childTable(&pml4[indexAt(virt, 4)]));
    uint64_t* pd = TRY(childTable(&pdpt[indexAt(virt, 3)]));
    pd[indexAt(virt, 2)] = phys | pte::kLargePage | leafFlags(flags);
    return {};
}

lib::ErrorOr<void> VirtualMemoryManager::initialize(const MemoryMapResponse& map,
                                                    const FramebufferResponse* framebuffer) {
    enableNoExecute();
    uint64_t loaderCr3 = arch::readCr3();
    g_pml4 = TRY(PhysicalMemoryManager::allocate());
    memset(tableAt(g_pml4), 0, k4K);

    TRY(mapKernelRange(loaderCr3, __text_start, __text_end, 0));
    TRY(mapKernelRange(loaderCr3, __rodata_start, __rodata_end, pte::kNoExecute));
    TRY(mapKernelRange(loaderCr3, __data_start, __data_end, pte::kWritable | pte::kNoExecute));

    uint64_t hhdm = PhysicalMemoryManager::hhdmOffset();
    for (uint64_t i = 0; i < map.entryCount; i++) {
        const MemoryMapEntry& e = *map.entries[i];
        if (e.type != kMemoryBad && e.length != 0) {
            TRY(mapDirect(e.base, e.length, hhdm));
        }
    }
    if (framebuffer != nullptr) {
        for (uint64_t i = 0; i < framebuffer->framebufferCount; i++) {
            const Framebuffer& fb = *framebuffer->framebuffers[i];
            uint64_t address = reinterpret_cast<uint64_t>(fb.address);
            uint64_t phys = address >= hhdm ? address - hhdm : address;
            TRY(mapDirect(phys, fb.pitch * fb.height, hhdm));
        }
    }

    arch::writeCr3(g_pml4);
    return {};
}

uint64_t VirtualMemoryManager::pml4Physical() { return g_pml4; }
bool VirtualMemoryManager::noExecuteEnabled() { return g_nxMask != 0; }

}  // namespace mm
