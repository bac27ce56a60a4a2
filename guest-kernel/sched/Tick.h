// sched/Tick: starts the scheduler tick at Scheduler::kTickHz. With a MADT that lists an I/O
// APIC and a usable local APIC, the 8259s are remapped and masked, the IOAPIC routes ISA
// IRQs by the MADT's overrides, and the LAPIC timer, calibrated against PIT channel 2, runs
// periodically; otherwise the 8259 pair and PIT channel 0 (IRQ 0) do the job. setHook() adds
// work to every tick (kernel.cpp drains the UART, in case IRQ 4 is not wired). start()
// enables interrupts and returns whether ticks actually arrived (within ~100 ms of TSC time).
#pragma once

#include <stdint.h>

namespace sched {

class Tick {
public:
    static bool start(uint64_t rsdpAddress, uint64_t hhdmOffset);
    // A function every tick calls after the scheduler's bookkeeping (interrupts off).
    static void setHook(void (*hook)());
    // "lapic" or "pit", and the LAPIC count per tick (0 with the PIT).
    static const char* source();
    static uint32_t lapicCountPerTick();
    static int processors();
};

}  // namespace sched
