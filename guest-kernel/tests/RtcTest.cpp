// tests/RtcTest: decoding CMOS RTC registers in BCD and binary, 12- and 24-hour modes.
#include "drivers/Rtc.h"

#include "tests/Test.h"

namespace {

using drivers::RtcRegisters;

bool is(const lib::DateTime& t, int64_t y, int mo, int d, int h, int mi, int s) {
    return t.year == y && t.month == mo && t.day == d && t.hour == h && t.minute == mi && t.second == s;
}

constexpr uint8_t kBcd24 = drivers::kRtcStatusB24Hour;
constexpr uint8_t kBinary24 = drivers::kRtcStatusB24Hour | drivers::kRtcStatusBBinary;

}  // namespace

TEST(bcdToBinary_59_is59) { EXPECT_EQ(59, drivers::bcdToBinary(0x59)); }

TEST(decodeRtc_bcd24Hour_readsEveryField) {
    RtcRegisters r{0x07, 0x14, 0x23, 0x31, 0x12, 0x26, 0x20, kBcd24};
    EXPECT_TRUE(is(drivers::decodeRtc(r), 2026, 12, 31, 23, 14, 7));
}

TEST(decodeRtc_binary24Hour_readsEveryField) {
    RtcRegisters r{59, 30, 18, 29, 2, 24, 20, kBinary24};
    EXPECT_TRUE(is(drivers::decodeRtc(r), 2024, 2, 29, 18, 30, 59));
}

TEST(decodeRtc_bcd12HourPm_addsTwelve) {
    RtcRegisters r{0x00, 0x05, 0x80 | 0x03, 0x01, 0x01, 0x25, 0x20, 0};
    EXPECT_EQ(15, drivers::decodeRtc(r).hour);
}

TEST(decodeRtc_12HourMidnight_isHourZero) {
    RtcRegisters r{0x00, 0x00, 0x12, 0x01, 0x01, 0x25, 0x20, 0};
    EXPECT_EQ(0, drivers::decodeRtc(r).hour);
}

TEST(decodeRtc_12HourNoon_isHourTwelve) {
    RtcRegisters r{0x00, 0x00, 0x80 | 0x12, 0x01, 0x01, 0x25, 0x20, 0};
    EXPECT_EQ(12, drivers::decodeRtc(r).hour);
}

TEST(decodeRtc_binary12HourPm_addsTwelve) {
    RtcRegisters r{0, 0, 0x80 | 11, 1, 1, 25, 20, drivers::kRtcStatusBBinary};
    EXPECT_EQ(23, drivers::decodeRtc(r).hour);
}

TEST(decodeRtc_noCentury_assumes2000s) {
    RtcRegisters r{0x00, 0x00, 0x00, 0x01, 0x01, 0x99, 0x00, kBcd24};
    EXPECT_EQ(2099, drivers::decodeRtc(r).year);
}

TEST(decodeRtc_centuryRegister_setsCentury) {
    RtcRegisters r{0x00, 0x00, 0x00, 0x01, 0x01, 0x99, 0x19, kBcd24};
    EXPECT_EQ(1999, drivers::decodeRtc(r).year);
}
