// arch/Lapic: the local APIC in xAPIC mode (SDM Vol.3 chapter 10), reached through its MMIO
// page (mapped by initialize() at HHDM + physical base). initialize() sets the APIC global
// enable bit in IA32_APIC_BASE, the spurious-interrupt vector with the software-enable bit,
// TPR 0 and masks LINT0/LINT1. The timer (10.5.4) is calibrated against PIT channel 2
// (drivers/Pit) and then runs periodically as the scheduler tick. eoi() writes the EOI
// register. passThroughPic() hands the interrupts back to the 8259 when the APIC will not
// drive the tick after all (virtual-wire mode: LINT0 ExtINT, LINT1 NMI).
#pragma once

#include <stdint.h>

namespace arch {

class Lapic {
public:
    // Returns false when the APIC cannot be used (no CPUID.1:EDX[9], or the page cannot be mapped).
    static bool initialize(uint64_t physicalBase, uint64_t hhdmOffset);
    static uint32_t id();
    static void eoi();
    // Measures the timer's count per `periodMs` milliseconds (divide by 16) with the PIT; 0
    // when the PIT did not answer.
    static uint32_t calibrate(uint32_t periodMs);
    // Starts the timer in periodic mode, `count` per period, delivering `vector`.
    static void startPeriodic(uint8_t vector, uint32_t count);
    // After initialize(): the 8259's INTR reaches the CPU through LINT0 as ExtINT again.
    static void passThroughPic();
};

}  // namespace arch
