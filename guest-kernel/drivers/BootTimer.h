// drivers/BootTimer: boot milestones on the board's boot-timing port (I/O 0x440, 8-bit
// writes; like Firecracker's boot-timer device). 1 = kernel entry (written by arch/entry.S),
// 2 = drivers up, 3 = shell ready.
#pragma once

#include <stdint.h>

namespace drivers {

class BootTimer {
public:
    static constexpr uint16_t kPort = 0x440;
    static constexpr uint8_t kKernelEntry = 1;
    static constexpr uint8_t kDriversUp = 2;
    static constexpr uint8_t kShellReady = 3;

    static void milestone(uint8_t code);
};

}  // namespace drivers
