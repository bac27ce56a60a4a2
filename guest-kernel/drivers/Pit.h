// drivers/Pit: the 8254 programmable interval timer at 1.193182 MHz (Intel 8254 datasheet).
// Channel 0 (IRQ 0) in mode 2 (rate generator) is the scheduler tick when there is no local
// APIC; channel 2 in mode 0 (interrupt on terminal count) from 0xFFFF, gated through port
// 0x61 bit 0 and read with the counter latch command, measures a fixed interval (at most
// 54 ms) for calibrating the local APIC timer.
#pragma once

#include <stdint.h>

namespace drivers {

class Pit {
public:
    static constexpr uint32_t kInputHz = 1193182;

    static void startPeriodic(uint32_t hz);
    static void startChannel2();
    static uint16_t readChannel2();
    // Waits until channel 2 counted `ms` (<= 54) milliseconds; false if it did not within 1 s.
    static bool waitChannel2(uint32_t ms);
};

}  // namespace drivers
