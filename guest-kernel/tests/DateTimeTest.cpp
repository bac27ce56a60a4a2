// tests/DateTimeTest: UNIX seconds to calendar dates, checked against known instants.
#include "lib/DateTime.h"

#include "tests/Test.h"

namespace {

bool is(const lib::DateTime& t, int64_t y, int mo, int d, int h, int mi, int s) {
    return t.year == y && t.month == mo && t.day == d && t.hour == h && t.minute == mi && t.second == s;
}

}  // namespace

TEST(dateTime_epoch_isJanuaryFirst1970) { EXPECT_TRUE(is(lib::DateTime::fromUnixSeconds(0), 1970, 1, 1, 0, 0, 0)); }
TEST(dateTime_leapDay2000_isFebruary29) {
    EXPECT_TRUE(is(lib::DateTime::fromUnixSeconds(951782400), 2000, 2, 29, 0, 0, 0));
}
TEST(dateTime_endOf2023_isDecember31) {
    EXPECT_TRUE(is(lib::DateTime::fromUnixSeconds(1704067199), 2023, 12, 31, 23, 59, 59));
}
TEST(dateTime_2038Rollover_isCorrect) {
    EXPECT_TRUE(is(lib::DateTime::fromUnixSeconds(2147483647), 2038, 1, 19, 3, 14, 7));
}
TEST(dateTime_beforeEpoch_isDecember31_1969) {
    EXPECT_TRUE(is(lib::DateTime::fromUnixSeconds(-1), 1969, 12, 31, 23, 59, 59));
}
TEST(dateTime_toUnixSeconds_invertsFromUnixSeconds) {
    const int64_t samples[] = {0, -1, 951782400, 1704067199, 2147483647, 1767225600, -86400 * 366, 4102444800};
    for (int64_t seconds : samples) {
        EXPECT_EQ(lib::DateTime::fromUnixSeconds(seconds).toUnixSeconds(), seconds);
    }
}
TEST(dateTime_toUnixSeconds_firstOf2026) {
    lib::DateTime t{2026, 1, 1, 0, 0, 0};
    EXPECT_EQ(t.toUnixSeconds(), 1767225600);
}
