// arch/Tss: the 64-bit Task State Segment (SDM Vol.3 8.7, Figure 8-11). In long mode it
// only supplies stacks: RSP0 for entries from ring 3 and the Interrupt Stack Table (IST1-7)
// that IDT gates can select. JefeOS uses IST1 for #DF (and NMI, #MC) and IST2 for #PF, so
// a fault on a broken kernel stack still gets a good stack to print its dump on.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace arch {

struct [[gnu::packed]] TaskStateSegment {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];  // ist[0] is IST1
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t ioMapBase;
};
static_assert(sizeof(TaskStateSegment) == 104, "SDM Vol.3 Figure 8-11: 64-bit TSS is 104 bytes");
static_assert(offsetof(TaskStateSegment, rsp) == 4);
static_assert(offsetof(TaskStateSegment, ist) == 36);
static_assert(offsetof(TaskStateSegment, ioMapBase) == 102);

class Tss {
public:
    static constexpr int kDoubleFaultIst = 1;
    static constexpr int kPageFaultIst = 2;

    // Points RSP0 and the IST entries at their static stacks; call before loading the GDT.
    static void initialize();
    static TaskStateSegment& segment();
};

}  // namespace arch
