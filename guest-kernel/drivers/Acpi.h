// drivers/Acpi: reads what JefeOS needs from the firmware's ACPI tables: the path RSDP ->
// XSDT (or RSDT) -> FADT -> DSDT, with every checksum verified. Result (AcpiInfo): the PM1a/
// PM1b control blocks (I/O ports), the \_S5_ sleep types from the DSDT, and the reset
// register with its value. create() fails with a named error when a table is missing or
// corrupt. Tables are read through the HHDM, so call it after the VMM is up.
#pragma once

#include <stdint.h>

#include "drivers/AcpiTables.h"
#include "drivers/AmlSleepPackage.h"
#include "lib/ErrorOr.h"

namespace drivers {

struct AcpiInfo {
    uint8_t rsdpRevision;
    uint8_t fadtRevision;
    char oemId[7];
    uint16_t pm1aControl;  // I/O port, 0 = none
    uint16_t pm1bControl;  // I/O port, 0 = none
    bool hasS5;
    SleepType s5;
    bool resetSupported;
    acpi::GenericAddress resetRegister;
    uint8_t resetValue;
};

class Acpi {
public:
    // rsdpAddress: physical (Limine base revision 3), or a HHDM address (older revisions).
    static lib::ErrorOr<AcpiInfo> create(uint64_t rsdpAddress);
};

}  // namespace drivers
