// drivers/Rtc: see Rtc.h.
#include "drivers/Rtc.h"

#include "arch/Cpu.h"
#include "arch/Io.h"
#include "drivers/TscClock.h"
#include "lib/Kprintf.h"
#include "lib/SelfTest.h"

namespace drivers::rtc {

namespace {

constexpr uint16_t kIndexPort = 0x70;  // bit 7 of the index is the NMI mask: kept clear
constexpr uint16_t kDataPort = 0x71;
constexpr uint8_t kStatusA = 0x0a, kStatusB = 0x0b, kStatusD = 0x0d;
constexpr uint8_t kUpdateInProgress = 0x80;  // register A, UIP
constexpr uint8_t kValidRamAndTime = 0x80;   // register D, VRT
constexpr int kMaxUpdateWaits = 1000000;     // UIP lasts 244 us + 1984 us at most per second
constexpr int kMaxReadAttempts = 8;
constexpr uint64_t kTickTimeoutMs = 2100;    // a second register must change within ~1 s

uint8_t readRegister(uint8_t reg) {
    arch::outb(kIndexPort, reg);
    return arch::inb(kDataPort);
}

bool waitForUpdateEnd() {
    for (int i = 0; i < kMaxUpdateWaits; i++) {
        if ((readRegister(kStatusA) & kUpdateInProgress) == 0) {
            return true;
        }
        arch::pause();
    }
    return false;
}

RtcRegisters readRaw() {
    RtcRegisters r;
    r.seconds = readRegister(0x00);
    r.minutes = readRegister(0x02);
    r.hours = readRegister(0x04);
    r.day = readRegister(0x07);
    r.month = readRegister(0x08);
    r.year = readRegister(0x09);
    r.century = readRegister(0x32);
    r.statusB = readRegister(kStatusB);
    return r;
}

}  // namespace

bool readDate(lib::DateTime* out) {
    // MC146818A: the registers are stable for 244 us after UIP falls; reading until two
    // consecutive snapshots agree also covers an update that starts mid-read.
    RtcRegisters previous{};
    for (int attempt = 0; attempt < kMaxReadAttempts; attempt++) {
        if (!waitForUpdateEnd()) {
            return false;
        }
        RtcRegisters now = readRaw();
        if (attempt > 0 && now == previous) {
            *out = decodeRtc(now);
            return true;
        }
        previous = now;
    }
    return false;
}

bool ticking() {
    lib::DateTime first;
    if (!readDate(&first)) {
        return false;
    }
    uint64_t start;
    if (!TscClock::millisecondsSinceBoot(&start)) {
        return false;
    }
    uint64_t now = start;
    while (now - start < kTickTimeoutMs) {
        lib::DateTime later;
        if (readDate(&later) && later.second != first.second) {
            return true;
        }
        arch::pause();
        TscClock::millisecondsSinceBoot(&now);
    }
    return false;
}

void init() {
    selftest::add("rtc ticking", ticking);
    if ((readRegister(kStatusD) & kValidRamAndTime) == 0) {
        lib::kprintf("rtc: no valid time in the CMOS clock\n");
    }
}

}  // namespace drivers::rtc
