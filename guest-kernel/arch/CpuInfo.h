// arch/CpuInfo: what CPUID says about this processor (SDM Vol.2A CPUID): vendor (leaf 0),
// family/model/stepping with the extended fields folded in (leaf 1 EAX), the brand string
// (leaves 0x80000002-4), feature flags (leaf 1 EDX/ECX, leaf 7 EBX, leaf 0x80000001 EDX/ECX)
// and, when CPUID.1:ECX[31] is set, the hypervisor signature (leaf 0x40000000).
// forEachFeature() names the set flags in a fixed order.
#pragma once

#include <stdint.h>

namespace arch {

struct CpuInfo {
    char vendor[13];
    char brand[49];
    uint32_t family, model, stepping;
    uint32_t leaf1Edx, leaf1Ecx, leaf7Ebx, extEdx, extEcx;
    bool hypervisorPresent;
    char hypervisorSignature[13];
    uint32_t maxHypervisorLeaf;

    static CpuInfo read();
    // Calls visit(name) for every feature flag that is set.
    template <typename Visitor>
    void forEachFeature(Visitor visit) const;
};

struct CpuFeature {
    uint8_t reg;  // 0 = leaf1 EDX, 1 = leaf1 ECX, 2 = leaf7 EBX, 3 = ext EDX, 4 = ext ECX
    uint8_t bit;
    const char* name;
};

extern const CpuFeature kCpuFeatures[];
extern const int kCpuFeatureCount;

template <typename Visitor>
void CpuInfo::forEachFeature(Visitor visit) const {
    const uint32_t regs[5] = {leaf1Edx, leaf1Ecx, leaf7Ebx, extEdx, extEcx};
    for (int i = 0; i < kCpuFeatureCount; i++) {
        if ((regs[kCpuFeatures[i].reg] >> kCpuFeatures[i].bit) & 1) {
            visit(kCpuFeatures[i].name);
        }
    }
}

}  // namespace arch
