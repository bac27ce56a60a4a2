// drivers/Pit: see Pit.h.
#include "drivers/Pit.h"

#include "arch/Cpu.h"
#include "arch/Io.h"
#include "drivers/TscClock.h"

namespace drivers {

namespace {

constexpr uint16_t kChannel0 = 0x40, kChannel2 = 0x42, kCommand = 0x43, kPortB = 0x61;
// Control word (8254 datasheet): SC bits 7:6, RW bits 5:4 = 11 (lobyte then hibyte), M bits 3:1.
constexpr uint8_t kChannel0Mode2 = 0x34;  // 00 11 010 0
constexpr uint8_t kChannel2Mode0 = 0xB0;  // 10 11 000 0
constexpr uint8_t kLatchChannel2 = 0x80;  // 10 00 xxx x: counter latch command
constexpr uint8_t kGate2 = 0x01, kSpeaker = 0x02;

void load(uint16_t port, uint32_t count) {
    arch::outb(port, static_cast<uint8_t>(count));
    arch::outb(port, static_cast<uint8_t>(count >> 8));
}

}  // namespace

void Pit::startPeriodic(uint32_t hz) {
    arch::outb(kCommand, kChannel0Mode2);
    load(kChannel0, kInputHz / hz);
}

void Pit::startChannel2() {
    // Gate low while programming, speaker off; mode 0 starts counting once the gate is high.
    uint8_t b = static_cast<uint8_t>(arch::inb(kPortB) & ~(kGate2 | kSpeaker));
    arch::outb(kPortB, b);
    arch::outb(kCommand, kChannel2Mode0);
    load(kChannel2, 0xFFFF);
    arch::outb(kPortB, static_cast<uint8_t>(b | kGate2));
}

uint16_t Pit::readChannel2() {
    arch::outb(kCommand, kLatchChannel2);
    uint8_t low = arch::inb(kChannel2);
    uint8_t high = arch::inb(kChannel2);
    return static_cast<uint16_t>(low | (high << 8));
}

bool Pit::waitChannel2(uint32_t ms) {
    // Reading the counter (not waiting for OUT2) measures the interval exactly however late
    // the board reports the output edge. Bounded by 1 s of TSC time (or 10 M polls when its
    // rate is unknown): a board without a working channel 2 must not hang the boot.
    uint32_t ticks = kInputHz / 1000 * ms;
    uint16_t first = readChannel2();
    uint64_t khz = TscClock::frequencyKhz();
    uint64_t start = arch::rdtsc();
    for (uint64_t spins = 0; khz != 0 || spins < 10000000ull; spins++) {
        if (static_cast<uint16_t>(first - readChannel2()) >= ticks) {
            return true;
        }
        if (khz != 0 && arch::rdtsc() - start > khz * 1000) {
            return false;
        }
        arch::pause();
    }
    return false;
}

}  // namespace drivers
