// lib/DateTime: UNIX time (seconds since 1970-01-01 00:00:00 UTC) to and from a proleptic
// Gregorian calendar date and time of day, UTC. Used to show the Limine "date at boot"
// response and to stamp files with the RTC's time.
// Pure code: also built for host unit tests.
#pragma once

#include <stdint.h>

namespace lib {

struct DateTime {
    int64_t year;
    int month;   // 1-12
    int day;     // 1-31
    int hour;    // 0-23
    int minute;  // 0-59
    int second;  // 0-59

    static DateTime fromUnixSeconds(int64_t seconds);
    int64_t toUnixSeconds() const;
};

}  // namespace lib
