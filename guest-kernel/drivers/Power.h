// drivers/Power: machine reset and power-off.
// powerOff(): ACPI soft-off: PM1a_CNT (and PM1b_CNT when present) <- SLP_TYP(\_S5_) << 10 |
// SLP_EN (bit 13) (ACPI 6.5 4.8.3.2.1 PM1 Control Registers, 16.1.7 transitioning to S5).
// reboot(): the FADT reset register when RESET_REG_SUP is set, else the PIIX-style reset
// control register (I/O 0xCF9 <- 0x06: full reset, RST_CPU), else a triple fault (empty IDT
// plus an exception). Both return only when the hardware ignored every attempt.
#pragma once

#include "drivers/Acpi.h"

namespace drivers {

class Power {
public:
    // acpi may be null (no usable ACPI): powerOff() then reports that and returns.
    static void initialize(const AcpiInfo* acpi);
    // Runs first in powerOff() and reboot(), in the calling thread (the kernel syncs the disks).
    static void setBeforeShutdown(void (*hook)());
    // Returns the reason power-off could not happen.
    static const char* powerOff();
    [[noreturn]] static void reboot();
};

}  // namespace drivers
