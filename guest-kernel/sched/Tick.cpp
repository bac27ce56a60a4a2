// sched/Tick: see Tick.h.
#include "sched/Tick.h"

#include "arch/Cpu.h"
#include "arch/IoApic.h"
#include "arch/Irq.h"
#include "arch/Lapic.h"
#include "arch/Pic8259.h"
#include "drivers/Madt.h"
#include "drivers/Pit.h"
#include "drivers/TscClock.h"
#include "sched/Scheduler.h"

namespace sched {

namespace {

constexpr uint32_t kTickMs = 1000 / Scheduler::kTickHz;
constexpr uint64_t kProbeMs = 100;
constexpr uint32_t kCalibrationMs = 50;

const char* g_source = "none";
uint32_t g_lapicCount = 0;
int g_processors = 0;
void (*g_tickHook)() = nullptr;

void onTick(arch::InterruptFrame&) {
    Scheduler::tick();
    if (g_tickHook != nullptr) {
        g_tickHook();
    }
}

bool startApic(const drivers::MadtInfo& madt, uint64_t hhdmOffset) {
    if (!madt.valid || !madt.hasIoApic || !arch::Lapic::initialize(madt.localApicAddress, hhdmOffset) ||
        !arch::IoApic::initialize(madt.ioApicAddress, madt.ioApicGsiBase, hhdmOffset)) {
        return false;
    }
    // Measure over 50 ms (channel 2 wraps after 54.9 ms): a board that reports the counter
    // late (real-time mode, between instruction blocks) then skews the rate less.
    uint32_t count = arch::Lapic::calibrate(kCalibrationMs) / (kCalibrationMs / kTickMs);
    if (count == 0) {
        return false;
    }
    arch::Irq::setMadt(madt);
    arch::Irq::useController(arch::Irq::Controller::Apic);
    arch::Irq::install(arch::Irq::kLapicTimer, "lapic-timer", onTick);
    arch::Irq::install(arch::Irq::kSpurious, "spurious", nullptr);
    arch::Lapic::startPeriodic(arch::Irq::kLapicTimer, count);
    g_lapicCount = count;
    g_source = "lapic";
    return true;
}

void startPit() {
    arch::Irq::useController(arch::Irq::Controller::Pic);
    arch::Irq::installIsa(0, "pit", onTick);
    drivers::Pit::startPeriodic(Scheduler::kTickHz);
    g_source = "pit";
}

bool ticksArrive() {
    uint64_t khz = drivers::TscClock::frequencyKhz();
    uint64_t start = arch::rdtsc();
    for (uint64_t spins = 0; khz != 0 || spins < 10000000ull; spins++) {
        if (Scheduler::ticks() >= 2) {
            return true;
        }
        if (khz != 0 && arch::rdtsc() - start > khz * kProbeMs) {
            return false;
        }
        arch::pause();
    }
    return false;
}

}  // namespace

bool Tick::start(uint64_t rsdpAddress, uint64_t hhdmOffset) {
    // Always move the 8259s off the exception vectors, even when the APIC takes over.
    arch::Pic8259::initialize(arch::Irq::kIsaBase);
    drivers::MadtInfo madt = drivers::Madt::find(rsdpAddress, hhdmOffset);
    g_processors = madt.processors;
    if (!startApic(madt, hhdmOffset)) {
        startPit();
    }
    arch::Irq::enable();
    return ticksArrive();
}

void Tick::setHook(void (*hook)()) { g_tickHook = hook; }

const char* Tick::source() { return g_source; }

uint32_t Tick::lapicCountPerTick() { return g_lapicCount; }

int Tick::processors() { return g_processors; }

}  // namespace sched
