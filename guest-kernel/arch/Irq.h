// arch/Irq: external-interrupt dispatch. Every vector from 32 up has a stub
// (arch/irq_stubs.S) that calls irq_dispatch, which counts the interrupt per vector, runs the
// handler installed for it, signals end-of-interrupt to the controller that delivered it
// (8259 PIC or local APIC, whichever Irq::useController chose) and then lets the scheduler
// preempt the interrupted thread if a tick asked for it. installIsa() routes a legacy ISA IRQ
// (0..15) to vector kIsaBase + irq, through the IOAPIC (with the MADT's source overrides) when
// the APIC is in use, else through the PIC, and unmasks it. irqstat reads the counters
// through forEachSource(). Handlers run with interrupts disabled and must be short.
#pragma once

#include <stdint.h>

#include "arch/InterruptFrame.h"

namespace drivers {
struct MadtInfo;
}

namespace arch {

class Irq {
public:
    using Handler = void (*)(InterruptFrame& frame);

    static constexpr uint8_t kIsaBase = 0x20;       // ISA IRQ n -> vector 0x20 + n
    static constexpr uint8_t kLapicTimer = 0x40;    // the local APIC timer (scheduler tick)
    static constexpr uint8_t kSpurious = 0xFF;      // SDM Vol.3 10.9: low nibble all ones

    enum class Controller { None, Pic, Apic };

    static void useController(Controller controller);
    static Controller controller();
    // The ISA routes (source overrides) installIsa() uses with the IOAPIC.
    static void setMadt(const drivers::MadtInfo& madt);
    // Installs `handler` for `vector`; `name` is shown by irqstat.
    static void install(uint8_t vector, const char* name, Handler handler);
    // Routes ISA IRQ `isaIrq` to vector kIsaBase + isaIrq, installs the handler and unmasks it.
    static void installIsa(uint8_t isaIrq, const char* name, Handler handler);
    static uint64_t count(uint8_t vector);
    // Calls visit(vector, name, count) for every vector with a handler or a nonzero count.
    template <typename Visit>
    static void forEachSource(Visit visit) {
        for (int v = 32; v < 256; v++) {
            if (name(static_cast<uint8_t>(v)) != nullptr || count(static_cast<uint8_t>(v)) != 0) {
                visit(static_cast<uint8_t>(v), name(static_cast<uint8_t>(v)), count(static_cast<uint8_t>(v)));
            }
        }
    }
    static const char* name(uint8_t vector);

    static void enable() { asm volatile("sti" ::: "memory"); }
    static void disable() { asm volatile("cli" ::: "memory"); }
    // Saves RFLAGS and disables interrupts; restore() puts IF back as it was.
    static uint64_t save() {
        uint64_t flags;
        asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
        return flags;
    }
    static void restore(uint64_t flags) {
        if ((flags & (1u << 9)) != 0) {
            enable();
        }
    }
};

}  // namespace arch
