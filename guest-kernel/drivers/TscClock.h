// drivers/TscClock: time since boot from the time-stamp counter. The TSC frequency comes
// from the hypervisor leaf CPUID 0x40000010 (EAX = TSC kHz, the VMware/JefeVM convention),
// available when CPUID.1:ECX[31] (hypervisor present) is set and leaf 0x40000000 reports a
// maximum of at least 0x40000010. markBoot() records the TSC at kernel entry.
#pragma once

#include <stdint.h>

namespace drivers {

class TscClock {
public:
    static void markBoot();
    // 0 when the frequency is unknown.
    static uint64_t frequencyKhz();
    static uint64_t ticksSinceBoot();
    // Milliseconds since markBoot(), or false when the TSC frequency is unknown.
    static bool millisecondsSinceBoot(uint64_t* ms);
};

}  // namespace drivers
