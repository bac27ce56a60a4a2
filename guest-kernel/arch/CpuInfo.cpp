// arch/CpuInfo: see CpuInfo.h. Bit positions from SDM Vol.2A Tables 3-10, 3-11 (leaf 1),
// 3-8 (leaf 7) and the 0x80000001 rows.
#include "arch/CpuInfo.h"

#include "arch/Cpu.h"
#include "lib/String.h"

namespace arch {

const CpuFeature kCpuFeatures[] = {
    {0, 0, "fpu"},     {0, 4, "tsc"},      {0, 5, "msr"},      {0, 6, "pae"},      {0, 8, "cx8"},
    {0, 9, "apic"},    {0, 11, "sep"},     {0, 12, "mtrr"},    {0, 13, "pge"},     {0, 15, "cmov"},
    {0, 16, "pat"},    {0, 19, "clflush"}, {0, 23, "mmx"},     {0, 24, "fxsr"},    {0, 25, "sse"},
    {0, 26, "sse2"},   {1, 0, "sse3"},     {1, 1, "pclmulqdq"}, {1, 9, "ssse3"},   {1, 12, "fma"},
    {1, 13, "cx16"},   {1, 19, "sse4_1"},  {1, 20, "sse4_2"},  {1, 21, "x2apic"},  {1, 22, "movbe"},
    {1, 23, "popcnt"}, {1, 25, "aes"},     {1, 26, "xsave"},   {1, 28, "avx"},     {1, 30, "rdrand"},
    {1, 31, "hypervisor"}, {2, 0, "fsgsbase"}, {2, 3, "bmi1"}, {2, 5, "avx2"},     {2, 7, "smep"},
    {2, 8, "bmi2"},    {2, 9, "erms"},     {2, 18, "rdseed"},  {2, 20, "smap"},    {3, 11, "syscall"},
    {3, 20, "nx"},     {3, 26, "pdpe1gb"}, {3, 27, "rdtscp"},  {3, 29, "lm"},      {4, 0, "lahf_lm"},
    {4, 5, "abm"},
};
const int kCpuFeatureCount = sizeof(kCpuFeatures) / sizeof(kCpuFeatures[0]);

namespace {

void copyRegisters(char* out, uint32_t a, uint32_t b, uint32_t c) {
    memcpy(out, &a, 4);
    memcpy(out + 4, &b, 4);
    memcpy(out + 8, &c, 4);
    out[12] = '\0';
}

}  // namespace

CpuInfo CpuInfo::read() {
    CpuInfo info{};
    CpuidResult r0 = cpuid(0);
    copyRegisters(info.vendor, r0.ebx, r0.edx, r0.ecx);  // "GenuineIntel" order: EBX EDX ECX

    if (r0.eax >= 1) {
        CpuidResult r1 = cpuid(1);
        uint32_t baseFamily = (r1.eax >> 8) & 0xF;
        uint32_t baseModel = (r1.eax >> 4) & 0xF;
        info.stepping = r1.eax & 0xF;
        info.family = baseFamily == 0xF ? baseFamily + ((r1.eax >> 20) & 0xFF) : baseFamily;
        info.model = (baseFamily == 0x6 || baseFamily == 0xF) ? (((r1.eax >> 16) & 0xF) << 4) + baseModel
                                                               : baseModel;
        info.leaf1Edx = r1.edx;
        info.leaf1Ecx = r1.ecx;
        info.hypervisorPresent = (r1.ecx >> 31) & 1;
    }
    if (r0.eax >= 7) {
        info.leaf7Ebx = cpuid(7, 0).ebx;
    }

    uint32_t maxExtended = cpuid(0x80000000).eax;
    if (maxExtended >= 0x80000001) {
        CpuidResult e = cpuid(0x80000001);
        info.extEdx = e.edx;
        info.extEcx = e.ecx;
    }
    if (maxExtended >= 0x80000004) {
        for (uint32_t i = 0; i < 3; i++) {
            CpuidResult b = cpuid(0x80000002 + i);
            memcpy(info.brand + 16 * i, &b, 16);
        }
        info.brand[48] = '\0';
    } else {
        memcpy(info.brand, "(no brand string)", 18);
    }

    if (info.hypervisorPresent) {
        CpuidResult h = cpuid(0x40000000);
        info.maxHypervisorLeaf = h.eax;
        copyRegisters(info.hypervisorSignature, h.ebx, h.ecx, h.edx);
    }
    return info;
}

}  // namespace arch
