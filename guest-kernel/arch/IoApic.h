// arch/IoApic: the I/O APIC (Intel 82093AA datasheet 3.2): registers reached through
// IOREGSEL (base + 0x00) and IOWIN (base + 0x10); version register 1 gives the number of
// redirection entries, and entry n (registers 0x10 + 2n, 0x11 + 2n) routes GSI base + n.
// initialize() maps the page and masks every entry; route() programs one entry for fixed
// delivery to a physical APIC ID, with the polarity and trigger the MADT gave.
#pragma once

#include <stdint.h>

namespace arch {

class IoApic {
public:
    static bool initialize(uint64_t physicalBase, uint32_t gsiBase, uint64_t hhdmOffset);
    static bool route(uint32_t gsi, uint8_t vector, uint8_t apicId, bool activeLow, bool levelTriggered);
    static int entries();
};

}  // namespace arch
