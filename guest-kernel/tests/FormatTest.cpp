// tests/FormatTest: lib/Format conversions, flags and truncation.
#include "lib/Format.h"

#include <cstdint>

#include "tests/Test.h"

namespace {

char g_buffer[128];

const char* fmt(const char* format, ...) {
    va_list args;
    va_start(args, format);
    lib::vformatToBuffer(g_buffer, sizeof(g_buffer), format, args);
    va_end(args);
    return g_buffer;
}

}  // namespace

TEST(format_string_insertsText) { EXPECT_STREQ("hello world", fmt("hello %s", "world")); }
TEST(format_nullString_printsNullMarker) { EXPECT_STREQ("(null)", fmt("%s", static_cast<const char*>(nullptr))); }
TEST(format_signedDecimal_handlesNegativeAndMinimum) {
    EXPECT_STREQ("-42 0 2147483647", fmt("%d %d %d", -42, 0, 2147483647));
    EXPECT_STREQ("-9223372036854775808", fmt("%ld", INT64_MIN));
}
TEST(format_unsigned_printsFullRange) { EXPECT_STREQ("4294967295", fmt("%u", 0xFFFFFFFFu)); }
TEST(format_hex_lowerUpperAndLong) {
    EXPECT_STREQ("ff FF deadbeefcafe", fmt("%x %X %lx", 255u, 255u, 0xdeadbeefcafeul));
}
TEST(format_zeroPaddedWidth_padsWithZeros) { EXPECT_STREQ("0000000000000002", fmt("%016lx", 2ul)); }
TEST(format_leftAlignedWidth_padsOnTheRight) { EXPECT_STREQ("[ab   ]", fmt("[%-5s]", "ab")); }
TEST(format_rightAlignedWidth_padsOnTheLeft) { EXPECT_STREQ("[   42]", fmt("[%5d]", 42)); }
TEST(format_zeroPadNegative_putsSignFirst) { EXPECT_STREQ("-0042", fmt("%05d", -42)); }
TEST(format_millisecondsPattern_keepsLeadingZeros) { EXPECT_STREQ("12.007", fmt("%lu.%03lu", 12ul, 7ul)); }
TEST(format_pointer_printsSixteenDigitsWithPrefix) {
    EXPECT_STREQ("0x00000000deadbeef", fmt("%p", reinterpret_cast<void*>(0xdeadbeef)));
}
TEST(format_char_andPercent) { EXPECT_STREQ("x%y", fmt("%c%%%c", 'x', 'y')); }
TEST(format_sizeT_withZModifier) { EXPECT_STREQ("123456789012", fmt("%zu", static_cast<size_t>(123456789012ull))); }
TEST(format_starWidth_takesWidthFromArguments) { EXPECT_STREQ("  7", fmt("%*d", 3, 7)); }
TEST(format_precision_limitsString) { EXPECT_STREQ("abc", fmt("%.3s", "abcdef")); }
TEST(format_unknownConversion_isPrintedLiterally) { EXPECT_STREQ("%q!", fmt("%q!")); }
TEST(format_trailingPercent_isPrintedLiterally) { EXPECT_STREQ("50%", fmt("50%")); }
TEST(format_smallBuffer_truncatesAndReportsFullLength) {
    char small[6];
    size_t wanted = lib::formatToBuffer(small, sizeof(small), "%s", "truncated");
    EXPECT_STREQ("trunc", small);
    EXPECT_EQ(static_cast<size_t>(9), wanted);
}
