// drivers/WallClock: the time of day as UNIX seconds, for file timestamps. The CMOS RTC is read
// once (start()), and from then on the time advances with the scheduler's clock source (the
// TSC), so reading it costs no port I/O and never waits out an RTC update cycle.
#pragma once

#include <stdint.h>

namespace drivers {

class WallClock {
public:
    // Reads the RTC; false (and time stays at the epoch of 2026-01-01) if it could not be read.
    static bool start();
    static uint64_t nowUnixSeconds();
};

}  // namespace drivers
