// drivers/Acpi: JefeOS's one walk of the firmware's ACPI tables: RSDP -> XSDT (or RSDT) ->
// FADT -> DSDT, and the MADT from the same root table, with every checksum verified. Result
// (AcpiInfo): the PM1a event block and the SCI (drivers/PowerButton), the PM1a/PM1b control
// blocks (I/O ports), the \_S5_ sleep types from the DSDT, the reset register with its value,
// and where the MADT is (sched/Tick parses it with drivers/Madt). create() fails with a named
// error when the RSDP, the root table or the FADT is missing or corrupt. Tables are read
// through the HHDM, so call it after the VMM is up.
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
    uint16_t pm1aEvent;       // PM1a_EVT_BLK I/O port (status, then enable), 0 = none
    uint8_t pm1EventLength;   // PM1_EVT_LEN: bytes in the event block, both halves
    uint16_t sciInterrupt;    // SCI_INT: the ISA IRQ (PC-AT) the SCI arrives on
    uint16_t pm1aControl;  // I/O port, 0 = none
    uint16_t pm1bControl;  // I/O port, 0 = none
    bool hasS5;
    SleepType s5;
    bool resetSupported;
    acpi::GenericAddress resetRegister;
    uint8_t resetValue;
    const uint8_t* madt;   // the MADT ("APIC") through the HHDM, checksum verified; nullptr = none
    uint32_t madtLength;
};

class Acpi {
public:
    // rsdpAddress: physical (Limine base revision 3), or a HHDM address (older revisions).
    static lib::ErrorOr<AcpiInfo> create(uint64_t rsdpAddress);
};

}  // namespace drivers
