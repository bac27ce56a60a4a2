// drivers/TscClock: see TscClock.h.
#include "drivers/TscClock.h"

#include "arch/Cpu.h"

namespace drivers {

namespace {

constexpr uint32_t kHypervisorPresent = 1u << 31;
constexpr uint32_t kHypervisorBaseLeaf = 0x40000000;
constexpr uint32_t kTimingLeaf = 0x40000010;

uint64_t g_bootTsc = 0;

}  // namespace

void TscClock::markBoot() { g_bootTsc = arch::rdtsc(); }

uint64_t TscClock::frequencyKhz() {
    if ((arch::cpuid(1).ecx & kHypervisorPresent) == 0) {
        return 0;
    }
    if (arch::cpuid(kHypervisorBaseLeaf).eax < kTimingLeaf) {
        return 0;
    }
    return arch::cpuid(kTimingLeaf).eax;
}

uint64_t TscClock::ticksSinceBoot() { return arch::rdtsc() - g_bootTsc; }

bool TscClock::millisecondsSinceBoot(uint64_t* ms) {
    uint64_t khz = frequencyKhz();
    if (khz == 0) {
        return false;
    }
    *ms = ticksSinceBoot() / khz;
    return true;
}

}  // namespace drivers
