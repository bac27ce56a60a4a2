// lib/DateTime: see DateTime.h. Days are counted in 400-year eras of 146097 days starting on
// 0000-03-01, so the leap day falls at the end of each "year" and month lengths follow the
// fixed pattern 31,30,31,30,31,31,30,31,30,31,31,(28|29) from March.
#include "lib/DateTime.h"

namespace lib {

namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kDaysPerEra = 146097;        // 400 Gregorian years
constexpr int64_t kDaysFrom0000March1 = 719468;  // 0000-03-01 to 1970-01-01

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

DateTime DateTime::fromUnixSeconds(int64_t seconds) {
    int64_t days = floorDiv(seconds, kSecondsPerDay);
    int64_t secondOfDay = seconds - days * kSecondsPerDay;

    int64_t z = days + kDaysFrom0000March1;
    int64_t era = floorDiv(z, kDaysPerEra);
    int64_t dayOfEra = z - era * kDaysPerEra;                                             // [0, 146096]
    int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;  // [0, 399]
    int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);  // [0, 365], from March 1
    int64_t monthIndex = (5 * dayOfYear + 2) / 153;                                      // 0 = March
    DateTime t;
    t.day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    t.month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    t.year = yearOfEra + era * 400 + (t.month <= 2 ? 1 : 0);
    t.hour = static_cast<int>(secondOfDay / 3600);
    t.minute = static_cast<int>(secondOfDay / 60 % 60);
    t.second = static_cast<int>(secondOfDay % 60);
    return t;
}

int64_t DateTime::toUnixSeconds() const {
    // Days since 1970-01-01 counted in 400-year eras that start on March 1st, so the leap day
    // is the last day of its era-year and month lengths follow the 153-day five-month cycle.
    int64_t y = year - (month <= 2 ? 1 : 0);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yearOfEra = y - era * 400;
    int64_t monthFromMarch = (month + 9) % 12;
    int64_t dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
    int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    int64_t days = era * 146097 + dayOfEra - 719468;  // 719468: days from 0000-03-01 to 1970-01-01
    return days * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace lib
