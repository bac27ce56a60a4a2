// arch/Gdt: see Gdt.h.
#include "arch/Gdt.h"

#include "arch/Tss.h"

namespace arch {

namespace {

struct [[gnu::packed]] GdtTable {
    SegmentDescriptor entries[5];
    SystemSegmentDescriptor tss;
};
static_assert(sizeof(GdtTable) == 56);

struct [[gnu::packed]] DescriptorTablePointer {
    uint16_t limit;
    uint64_t base;
};
static_assert(sizeof(DescriptorTablePointer) == 10);

// Access byte: P | DPL | S | type. Flags nibble: G (4 KiB granularity), L (64-bit code),
// D/B (32-bit default; must be 0 with L). SDM Vol.3 3.4.5 and 5.2.1.
constexpr SegmentDescriptor descriptor(uint8_t access, uint8_t flags) {
    return SegmentDescriptor{0xFFFF, 0, 0, access, static_cast<uint8_t>((flags << 4) | 0xF), 0};
}

constexpr uint8_t kFlagsCode64 = 0xA;  // G | L
constexpr uint8_t kFlagsData = 0xC;    // G | D/B

GdtTable g_gdt = {
    {
        SegmentDescriptor{0, 0, 0, 0, 0, 0},
        descriptor(0x9A, kFlagsCode64),  // present, DPL 0, code, execute/read
        descriptor(0x92, kFlagsData),    // present, DPL 0, data, read/write
        descriptor(0xF2, kFlagsData),    // present, DPL 3, data, read/write
        descriptor(0xFA, kFlagsCode64),  // present, DPL 3, code, execute/read
    },
    {},
};

}  // namespace

void Gdt::initialize() {
    Tss::initialize();
    uint64_t base = reinterpret_cast<uint64_t>(&Tss::segment());
    uint32_t limit = sizeof(TaskStateSegment) - 1;
    g_gdt.tss.low.limitLow = static_cast<uint16_t>(limit);
    g_gdt.tss.low.baseLow = static_cast<uint16_t>(base);
    g_gdt.tss.low.baseMiddle = static_cast<uint8_t>(base >> 16);
    g_gdt.tss.low.access = 0x89;  // present, DPL 0, type 9: available 64-bit TSS
    g_gdt.tss.low.limitHighAndFlags = static_cast<uint8_t>((limit >> 16) & 0xF);
    g_gdt.tss.low.baseHigh = static_cast<uint8_t>(base >> 24);
    g_gdt.tss.baseUpper = static_cast<uint32_t>(base >> 32);
    g_gdt.tss.reserved = 0;

    DescriptorTablePointer pointer{sizeof(GdtTable) - 1, reinterpret_cast<uint64_t>(&g_gdt)};
    asm volatile("lgdt %0" : : "m"(pointer) : "memory");

    // Reload CS with a far return (push selector and target, lretq), then the data segments.
    asm volatile(
        "pushq %[code]\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "movw %[data], %%ax\n\t"
        "movw %%ax, %%ds\n\t"
        "movw %%ax, %%es\n\t"
        "movw %%ax, %%ss\n\t"
        "xorl %%eax, %%eax\n\t"
        "movw %%ax, %%fs\n\t"
        "movw %%ax, %%gs\n\t"
        :
        : [code] "i"(static_cast<uint64_t>(kKernelCode)), [data] "i"(kKernelData)
        : "rax", "memory");

    asm volatile("ltr %w0" : : "r"(kTss) : "memory");
}

}  // namespace arch
