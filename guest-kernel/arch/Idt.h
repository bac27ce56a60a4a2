// arch/Idt: the Interrupt Descriptor Table (SDM Vol.3 6.14.1). initialize() installs 64-bit
// interrupt gates for the 32 exception vectors (stubs in arch/isr_stubs.S), with #DF, NMI
// and #MC on IST1 and #PF on IST2 (arch/Tss.h), gates for vectors 32..255 that lead to
// arch/Irq's dispatcher (stubs in arch/irq_stubs.S), and loads IDTR. loadEmpty() installs a
// zero-limit IDT, which turns the next exception into a triple fault (the last-resort reset).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace arch {

struct [[gnu::packed]] IdtGate {
    uint16_t offsetLow;
    uint16_t selector;
    uint8_t ist;         // bits 0-2: IST index, 0 = none
    uint8_t typeAttributes;  // P | DPL | 0 | type (0xE = 64-bit interrupt gate)
    uint16_t offsetMiddle;
    uint32_t offsetHigh;
    uint32_t reserved;
};
static_assert(sizeof(IdtGate) == 16, "SDM Vol.3 Figure 6-8: 64-bit IDT gate descriptor");
static_assert(offsetof(IdtGate, offsetMiddle) == 6);

class Idt {
public:
    static constexpr int kExceptionCount = 32;

    static void initialize();
    static void loadEmpty();
};

}  // namespace arch
