// drivers/AmlSleepPackage: see AmlSleepPackage.h. Opcodes from ACPI 6.5 section 20.3.
#include "drivers/AmlSleepPackage.h"

namespace drivers {

namespace {

constexpr uint8_t kNameOp = 0x08;
constexpr uint8_t kPackageOp = 0x12;
constexpr uint8_t kZeroOp = 0x00;
constexpr uint8_t kOneOp = 0x01;
constexpr uint8_t kOnesOp = 0xFF;
constexpr uint8_t kBytePrefix = 0x0A;
constexpr uint8_t kWordPrefix = 0x0B;
constexpr uint8_t kDWordPrefix = 0x0C;
constexpr uint8_t kRootChar = '\\';

// Reads one integer data object at aml[*pos]; advances *pos.
bool readInteger(const uint8_t* aml, size_t length, size_t* pos, uint32_t* value) {
    if (*pos >= length) {
        return false;
    }
    uint8_t op = aml[(*pos)++];
    size_t bytes = 0;
    switch (op) {
    case kZeroOp: *value = 0; return true;
    case kOneOp: *value = 1; return true;
    case kOnesOp: *value = 0xFFFFFFFF; return true;
    case kBytePrefix: bytes = 1; break;
    case kWordPrefix: bytes = 2; break;
    case kDWordPrefix: bytes = 4; break;
    default: return false;
    }
    if (*pos + bytes > length) {
        return false;
    }
    *value = 0;
    for (size_t i = 0; i < bytes; i++) {
        *value |= static_cast<uint32_t>(aml[*pos + i]) << (8 * i);
    }
    *pos += bytes;
    return true;
}

}  // namespace

bool AmlSleepPackage::find(const uint8_t* aml, size_t length, const char* name, SleepType* out) {
    for (size_t i = 0; i + 4 <= length; i++) {
        if (aml[i] != static_cast<uint8_t>(name[0]) || aml[i + 1] != static_cast<uint8_t>(name[1]) ||
            aml[i + 2] != static_cast<uint8_t>(name[2]) || aml[i + 3] != static_cast<uint8_t>(name[3])) {
            continue;
        }
        bool named = (i >= 1 && aml[i - 1] == kNameOp) ||
                     (i >= 2 && aml[i - 1] == kRootChar && aml[i - 2] == kNameOp);
        size_t pos = i + 4;
        if (!named || pos >= length || aml[pos] != kPackageOp) {
            continue;
        }
        pos++;
        // PkgLength: bits 7-6 of the lead byte count the bytes that follow (20.2.4).
        if (pos >= length) {
            return false;
        }
        pos += 1 + (aml[pos] >> 6);
        if (pos >= length) {
            return false;
        }
        uint8_t elements = aml[pos++];
        uint32_t a = 0, b = 0;
        if (elements < 1 || !readInteger(aml, length, &pos, &a)) {
            return false;
        }
        if (elements >= 2 && !readInteger(aml, length, &pos, &b)) {
            return false;
        }
        out->a = static_cast<uint16_t>(a);
        out->b = static_cast<uint16_t>(b);
        return true;
    }
    return false;
}

}  // namespace drivers
