// drivers/Rtc: the CMOS real-time clock (MC146818-compatible, ports 0x70/0x71). readDate()
// waits out the update cycle (register A bit 7, UIP), reads the time and date registers
// twice until two reads agree, then decodes them with decodeRtc(): BCD or binary (register
// B bit 2, DM) and 12- or 24-hour (register B bit 1, 24/12; in 12-hour mode bit 7 of the
// hours register means PM). Register numbers follow the MC146818A datasheet's address map.
// decodeRtc() and the BCD helper are pure code, also built for host unit tests.
#pragma once

#include <stdint.h>

#include "lib/DateTime.h"

namespace drivers {

// The raw bytes of the time and date registers, as the chip presents them.
struct RtcRegisters {
    uint8_t seconds;   // register 0x00
    uint8_t minutes;   // register 0x02
    uint8_t hours;     // register 0x04
    uint8_t day;       // register 0x07, day of month
    uint8_t month;     // register 0x08
    uint8_t year;      // register 0x09, two digits
    uint8_t century;   // register 0x32 (ACPI FADT CENTURY default), 0 when unknown
    uint8_t statusB;   // register 0x0B

    bool operator==(const RtcRegisters&) const = default;
};

constexpr uint8_t kRtcStatusBBinary = 1 << 2;   // DM: 1 = binary, 0 = BCD
constexpr uint8_t kRtcStatusB24Hour = 1 << 1;   // 24/12: 1 = 24-hour
constexpr uint8_t kRtcHourPm = 0x80;            // 12-hour mode: PM flag in the hours byte

constexpr int bcdToBinary(uint8_t bcd) { return (bcd >> 4) * 10 + (bcd & 0x0f); }

// Calendar time from raw registers. Without a century byte, two-digit years are 2000-2099.
inline lib::DateTime decodeRtc(const RtcRegisters& r) {
    bool binary = (r.statusB & kRtcStatusBBinary) != 0;
    auto value = [binary](uint8_t raw) { return binary ? static_cast<int>(raw) : bcdToBinary(raw); };
    int hour = value(r.hours & 0x7f);
    if ((r.statusB & kRtcStatusB24Hour) == 0) {
        // 12-hour clock: 12 AM is midnight (0), 12 PM is noon (12).
        bool pm = (r.hours & kRtcHourPm) != 0;
        hour %= 12;
        if (pm) {
            hour += 12;
        }
    }
    int century = r.century != 0 ? value(r.century) : 20;
    lib::DateTime t{};
    t.year = century * 100 + value(r.year);
    t.month = value(r.month);
    t.day = value(r.day);
    t.hour = hour;
    t.minute = value(r.minutes);
    t.second = value(r.seconds);
    return t;
}

namespace rtc {

// Reports a chip without valid time (register D bit 7, VRT clear) and registers the
// "rtc ticking" self-check.
void init();
// The current date and time (UTC as the board keeps it); false when the chip never left
// its update cycle.
bool readDate(lib::DateTime* out);
// True when the seconds register changes within about two seconds (self-check).
bool ticking();

}  // namespace rtc

}  // namespace drivers
