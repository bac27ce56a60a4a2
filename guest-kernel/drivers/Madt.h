// drivers/Madt: reads the ACPI MADT (signature "APIC", ACPI 6.5 5.2.12): the local APIC
// address (with a 64-bit override, 5.2.12.8), the first I/O APIC (5.2.12.3), the number of
// enabled processors (5.2.12.2) and the ISA interrupt source overrides (5.2.12.5), which say
// which GSI, polarity and trigger mode each ISA IRQ really uses. parse() is pure (host
// unit-tested); drivers/Acpi's table walk says where the MADT is (AcpiInfo::madt).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace drivers {

struct IsaRoute {
    uint32_t gsi;
    bool activeLow;
    bool levelTriggered;
};

struct MadtInfo {
    bool valid = false;
    uint64_t localApicAddress = 0;
    bool pcatCompat = false;
    bool hasIoApic = false;
    uint8_t ioApicId = 0;
    uint64_t ioApicAddress = 0;
    uint32_t ioApicGsiBase = 0;
    int processors = 0;
    IsaRoute isa[16] = {};  // identity, active high, edge unless an override says otherwise
};

class Madt {
public:
    // `table` points at the whole MADT (header included), `length` bytes readable.
    static MadtInfo parse(const uint8_t* table, size_t length);
};

}  // namespace drivers
