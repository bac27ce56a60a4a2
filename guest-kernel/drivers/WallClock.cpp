// drivers/WallClock: see WallClock.h.
#include "drivers/WallClock.h"

#include "drivers/Rtc.h"
#include "lib/DateTime.h"
#include "sched/Scheduler.h"

namespace drivers {

namespace {

constexpr uint64_t kFallbackUnixSeconds = 1767225600;  // 2026-01-01 00:00:00 UTC
uint64_t g_unixAtStart = kFallbackUnixSeconds;
uint64_t g_msAtStart = 0;

}  // namespace

bool WallClock::start() {
    g_msAtStart = sched::Scheduler::millisecondsSinceBoot();
    lib::DateTime t;
    if (!rtc::readDate(&t)) {
        return false;
    }
    int64_t seconds = t.toUnixSeconds();
    if (seconds > 0) {
        g_unixAtStart = static_cast<uint64_t>(seconds);
    }
    return true;
}

uint64_t WallClock::nowUnixSeconds() {
    return g_unixAtStart + (sched::Scheduler::millisecondsSinceBoot() - g_msAtStart) / 1000;
}

}  // namespace drivers
