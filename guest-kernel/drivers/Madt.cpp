// drivers/Madt: see Madt.h.
#include "drivers/Madt.h"

#include "lib/String.h"

namespace drivers {

namespace {

constexpr size_t kHeaderLength = 36;
constexpr size_t kFixedLength = 44;  // header + local APIC address + flags
constexpr uint8_t kTypeLocalApic = 0, kTypeIoApic = 1, kTypeSourceOverride = 2, kTypeLapicOverride = 5;
constexpr uint32_t kLocalApicEnabled = 1, kLocalApicOnlineCapable = 2;
// MPS INTI flags (ACPI 5.2.12.5 Table 5.26): polarity bits 1:0, trigger bits 3:2; 3 = active
// low / level, 0 = the bus's default (ISA: active high, edge).
constexpr uint16_t kPolarityMask = 3, kPolarityLow = 3, kTriggerShift = 2, kTriggerLevel = 3;

uint16_t read16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t read32(const uint8_t* p) { return read16(p) | (static_cast<uint32_t>(read16(p + 2)) << 16); }
uint64_t read64(const uint8_t* p) { return read32(p) | (static_cast<uint64_t>(read32(p + 4)) << 32); }

bool checksumOk(const uint8_t* p, size_t length) {
    uint8_t sum = 0;
    for (size_t i = 0; i < length; i++) {
        sum = static_cast<uint8_t>(sum + p[i]);
    }
    return sum == 0;
}

}  // namespace

MadtInfo Madt::parse(const uint8_t* table, size_t length) {
    MadtInfo info;
    for (int i = 0; i < 16; i++) {
        info.isa[i] = IsaRoute{static_cast<uint32_t>(i), false, false};
    }
    if (length < kFixedLength || memcmp(table, "APIC", 4) != 0) {
        return info;
    }
    size_t declared = read32(table + 4);
    if (declared < kFixedLength || declared > length || !checksumOk(table, declared)) {
        return info;
    }
    info.localApicAddress = read32(table + kHeaderLength);
    info.pcatCompat = (read32(table + kHeaderLength + 4) & 1) != 0;
    for (size_t at = kFixedLength; at + 2 <= declared;) {
        uint8_t type = table[at];
        uint8_t entryLength = table[at + 1];
        if (entryLength < 2 || at + entryLength > declared) {
            break;  // a malformed entry: keep what was read so far
        }
        const uint8_t* e = table + at;
        if (type == kTypeLocalApic && entryLength >= 8) {
            if ((read32(e + 4) & (kLocalApicEnabled | kLocalApicOnlineCapable)) != 0) {
                info.processors++;
            }
        } else if (type == kTypeIoApic && entryLength >= 12 && !info.hasIoApic) {
            info.hasIoApic = true;
            info.ioApicId = e[2];
            info.ioApicAddress = read32(e + 4);
            info.ioApicGsiBase = read32(e + 8);
        } else if (type == kTypeSourceOverride && entryLength >= 10 && e[2] == 0 && e[3] < 16) {
            uint16_t flags = read16(e + 8);
            info.isa[e[3]] = IsaRoute{read32(e + 4), (flags & kPolarityMask) == kPolarityLow,
                                      ((flags >> kTriggerShift) & 3) == kTriggerLevel};
        } else if (type == kTypeLapicOverride && entryLength >= 12) {
            info.localApicAddress = read64(e + 4);
        }
        at += entryLength;
    }
    info.valid = true;
    return info;
}

}  // namespace drivers
