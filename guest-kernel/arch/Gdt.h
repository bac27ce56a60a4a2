// arch/Gdt: JefeOS's Global Descriptor Table (SDM Vol.3 3.4.5, 8.2.3).
// Layout (selectors): 0x00 null, 0x08 kernel code 64, 0x10 kernel data, 0x18 user data,
// 0x20 user code 64, 0x28 TSS (a 16-byte system descriptor). User data precedes user code
// in the order SYSRET expects (SDM Vol.2 SYSRET), for later ring-3 work.
// initialize() loads it, reloads CS with a far return and the data segments, then loads TR.
#pragma once

#include <stdint.h>

namespace arch {

struct [[gnu::packed]] SegmentDescriptor {
    uint16_t limitLow;
    uint16_t baseLow;
    uint8_t baseMiddle;
    uint8_t access;
    uint8_t limitHighAndFlags;
    uint8_t baseHigh;
};
static_assert(sizeof(SegmentDescriptor) == 8, "SDM Vol.3 Figure 3-8: segment descriptor");

struct [[gnu::packed]] SystemSegmentDescriptor {
    SegmentDescriptor low;
    uint32_t baseUpper;
    uint32_t reserved;
};
static_assert(sizeof(SystemSegmentDescriptor) == 16, "SDM Vol.3 Figure 8-4: 64-bit TSS descriptor");

class Gdt {
public:
    static constexpr uint16_t kKernelCode = 0x08;
    static constexpr uint16_t kKernelData = 0x10;
    static constexpr uint16_t kUserData = 0x18;
    static constexpr uint16_t kUserCode = 0x20;
    static constexpr uint16_t kTss = 0x28;

    static void initialize();
};

}  // namespace arch
