// drivers/BootTimer: see BootTimer.h.
#include "drivers/BootTimer.h"

#include "arch/Io.h"

namespace drivers {

void BootTimer::milestone(uint8_t code) { arch::outb(kPort, code); }

}  // namespace drivers
