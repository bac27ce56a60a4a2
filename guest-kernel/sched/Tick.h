// sched/Tick: starts the scheduler tick at Scheduler::kTickHz. With a MADT that lists an I/O
// APIC and a usable local APIC, the 8259s are remapped and masked, the IOAPIC routes ISA
// IRQs by the MADT's overrides, and the LAPIC timer, calibrated against PIT channel 2, runs
// periodically. Otherwise the 8259 pair and PIT channel 0 (IRQ 0) do the job, and
// fallbackReason() says why: `noapic` on the kernel command line, CPUID.1:EDX.APIC clear, no
// MADT, no I/O APIC in it, or APICs that could not be set up or calibrated. The local APIC
// is then in virtual-wire mode (MultiProcessor Spec 3.6.2.2: the 8259's INTR passes through
// LINT0 as ExtINT), as the firmware left it or put back by Lapic::passThroughPic(). setHook() adds work to every tick (kernel.cpp
// drains the UART, in case IRQ 4 is not wired). start() enables interrupts and returns whether
// ticks actually arrived (within ~100 ms of TSC time).
#pragma once

#include <stdint.h>

#include "drivers/Madt.h"

namespace sched {

class Tick {
public:
    // madt: parsed from drivers/Acpi's walk (invalid when there is none); noApic: the
    // command line asked for the 8259 + PIT.
    static bool start(const drivers::MadtInfo& madt, uint64_t hhdmOffset, bool noApic);
    // A function every tick calls after the scheduler's bookkeeping (interrupts off).
    static void setHook(void (*hook)());
    // "lapic" or "pit", and the LAPIC count per tick (0 with the PIT).
    static const char* source();
    // Why the PIT and 8259 drive the tick instead of the APIC, or nullptr when the APIC does.
    static const char* fallbackReason();
    static uint32_t lapicCountPerTick();
    static int processors();
};

}  // namespace sched
