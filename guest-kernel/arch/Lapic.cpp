// arch/Lapic: see Lapic.h. Register offsets: SDM Vol.3 Table 10-1.
#include "arch/Lapic.h"

#include "arch/Cpu.h"
#include "arch/Irq.h"
#include "drivers/Pit.h"
#include "mm/VirtualMemoryManager.h"

namespace arch {

namespace {

constexpr uint32_t kRegId = 0x20, kRegTpr = 0x80, kRegEoi = 0xB0, kRegSpurious = 0xF0;
constexpr uint32_t kRegLvtTimer = 0x320, kRegLvtLint0 = 0x350, kRegLvtLint1 = 0x360;
constexpr uint32_t kRegInitialCount = 0x380, kRegCurrentCount = 0x390, kRegDivide = 0x3E0;
constexpr uint32_t kMsrApicBase = 0x1B;
constexpr uint64_t kApicGlobalEnable = 1ull << 11;
constexpr uint32_t kSoftwareEnable = 1u << 8;
constexpr uint32_t kLvtMasked = 1u << 16;
constexpr uint32_t kTimerPeriodic = 1u << 17;  // LVT timer mode bits 18:17 = 01
constexpr uint32_t kDivideBy16 = 0x3;          // 10.5.4 Figure 10-10: 0011
constexpr uint32_t kCpuidEdxApic = 1u << 9;
// SDM Vol.3 10.5.1: LVT delivery mode bits 10:8; virtual-wire mode (MultiProcessor Spec
// 3.6.2.2) has LINT0 = ExtINT and LINT1 = NMI, both unmasked.
constexpr uint32_t kDeliveryExtInt = 0x700, kDeliveryNmi = 0x400;

volatile uint32_t* g_base = nullptr;

uint32_t read(uint32_t reg) { return g_base[reg / 4]; }
void write(uint32_t reg, uint32_t value) { g_base[reg / 4] = value; }

}  // namespace

bool Lapic::initialize(uint64_t physicalBase, uint64_t hhdmOffset) {
    if ((cpuid(1).edx & kCpuidEdxApic) == 0 || physicalBase == 0) {
        return false;
    }
    uint64_t virt = hhdmOffset + physicalBase;
    if (mm::VirtualMemoryManager::map4K(virt, physicalBase, mm::pte::kWritable | mm::pte::kNoExecute).isError()) {
        return false;
    }
    wrmsr(kMsrApicBase, (rdmsr(kMsrApicBase) & ~0xFFFull) | kApicGlobalEnable | (rdmsr(kMsrApicBase) & 0x100));
    g_base = reinterpret_cast<volatile uint32_t*>(virt);
    write(kRegTpr, 0);
    write(kRegLvtLint0, kLvtMasked);
    write(kRegLvtLint1, kLvtMasked);
    write(kRegLvtTimer, kLvtMasked | Irq::kLapicTimer);
    write(kRegSpurious, kSoftwareEnable | Irq::kSpurious);
    return true;
}

uint32_t Lapic::id() { return read(kRegId) >> 24; }

void Lapic::eoi() { write(kRegEoi, 0); }

uint32_t Lapic::calibrate(uint32_t periodMs) {
    write(kRegDivide, kDivideBy16);
    write(kRegLvtTimer, kLvtMasked | Irq::kLapicTimer);
    drivers::Pit::startChannel2();
    write(kRegInitialCount, 0xFFFFFFFFu);
    if (!drivers::Pit::waitChannel2(periodMs)) {
        write(kRegInitialCount, 0);
        return 0;
    }
    uint32_t elapsed = 0xFFFFFFFFu - read(kRegCurrentCount);
    write(kRegInitialCount, 0);
    return elapsed;
}

void Lapic::startPeriodic(uint8_t vector, uint32_t count) {
    write(kRegDivide, kDivideBy16);
    write(kRegLvtTimer, kTimerPeriodic | vector);
    write(kRegInitialCount, count);
}

void Lapic::passThroughPic() {
    write(kRegLvtTimer, kLvtMasked | Irq::kLapicTimer);
    write(kRegLvtLint0, kDeliveryExtInt);
    write(kRegLvtLint1, kDeliveryNmi);
}

}  // namespace arch
