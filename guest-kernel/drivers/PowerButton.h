// drivers/PowerButton: the ACPI fixed-hardware power button (ACPI 6.5 4.8.2.2.1.1). init takes
// the PM1a event block and the SCI from drivers/Acpi's walk (AcpiInfo), clears PWRBTN_STS
// (PM1_STS bit 8, write 1 to clear) and sets PWRBTN_EN (PM1_EN bit 8) in the PM1a event block,
// then takes the SCI (an ISA IRQ). On an SCI with PWRBTN_STS set it clears the bit, prints
// "power button: powering off" and switches off through drivers/Power (S5). Other status
// bits are acknowledged and ignored.
#pragma once

#include "drivers/Acpi.h"

namespace drivers {

// acpi may be null (no usable ACPI): the button is then left alone, saying so.
void powerButtonInit(const AcpiInfo* acpi);

}  // namespace drivers
