// arch/Idt: see Idt.h.
#include "arch/Idt.h"

#include "arch/Gdt.h"
#include "arch/Tss.h"

extern "C" const uint64_t isr_stub_table[arch::Idt::kExceptionCount];
extern "C" const uint64_t irq_stub_table[256 - arch::Idt::kExceptionCount];

namespace arch {

namespace {

struct [[gnu::packed]] IdtPointer {
    uint16_t limit;
    uint64_t base;
};
static_assert(sizeof(IdtPointer) == 10);

constexpr int kVectorNmi = 2;
constexpr int kVectorDoubleFault = 8;
constexpr int kVectorPageFault = 14;
constexpr int kVectorMachineCheck = 18;
constexpr uint8_t kInterruptGate = 0x8E;  // present, DPL 0, 64-bit interrupt gate

alignas(16) IdtGate g_idt[256];

IdtGate gate(uint64_t handler, uint8_t ist) {
    return IdtGate{static_cast<uint16_t>(handler), Gdt::kKernelCode, ist, kInterruptGate,
                   static_cast<uint16_t>(handler >> 16), static_cast<uint32_t>(handler >> 32), 0};
}

}  // namespace

void Idt::initialize() {
    for (int v = 0; v < kExceptionCount; v++) {
        uint8_t ist = 0;
        if (v == kVectorDoubleFault || v == kVectorNmi || v == kVectorMachineCheck) {
            ist = Tss::kDoubleFaultIst;
        } else if (v == kVectorPageFault) {
            ist = Tss::kPageFaultIst;
        }
        g_idt[v] = gate(isr_stub_table[v], ist);
    }
    // Vectors 32..255 are external and software interrupts (arch/irq_stubs.S, arch/Irq.h).
    for (int v = kExceptionCount; v < 256; v++) {
        g_idt[v] = gate(irq_stub_table[v - kExceptionCount], 0);
    }
    IdtPointer pointer{sizeof(g_idt) - 1, reinterpret_cast<uint64_t>(g_idt)};
    asm volatile("lidt %0" : : "m"(pointer) : "memory");
}

void Idt::loadEmpty() {
    IdtPointer pointer{0, 0};
    asm volatile("lidt %0" : : "m"(pointer) : "memory");
}

}  // namespace arch
