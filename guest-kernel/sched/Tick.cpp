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
constexpr uint32_t kCalibrationMs = 10;
constexpr int kCalibrationWindows = 5;
constexpr uint32_t kCpuidEdxApic = 1u << 9;  // SDM Vol.2A CPUID leaf 1 EDX bit 9: on-chip APIC

const char* g_source = "none";
const char* g_fallbackReason = nullptr;
uint32_t g_lapicCount = 0;
int g_processors = 0;
void (*g_tickHook)() = nullptr;

void onTick(arch::InterruptFrame&) {
    Scheduler::tick();
    if (g_tickHook != nullptr) {
        g_tickHook();
    }
}

// Returns nullptr once the LAPIC timer runs, else why the APIC cannot drive the tick.
const char* startApic(const drivers::MadtInfo& madt, uint64_t hhdmOffset) {
    if ((arch::cpuid(1).edx & kCpuidEdxApic) == 0) {
        return "CPUID.1:EDX.APIC clear";
    }
    if (!madt.valid) {
        return "no ACPI MADT";
    }
    if (!madt.hasIoApic) {
        return "no I/O APIC in the MADT";
    }
    if (!arch::Lapic::initialize(madt.localApicAddress, hhdmOffset)) {
        return "the local APIC could not be set up";
    }
    if (!arch::IoApic::initialize(madt.ioApicAddress, madt.ioApicGsiBase, hhdmOffset)) {
        arch::Lapic::passThroughPic();
        return "the I/O APIC could not be set up";
    }
    // The shortest of five 10 ms windows: anything that delays the CPU inside a window (an
    // SMI on hardware, a host that deschedules the VM, or channel 2 wrapping after 54.9 ms
    // while the CPU was away) only lengthens that window's LAPIC count, never shortens it.
    uint32_t best = 0;
    for (int i = 0; i < kCalibrationWindows; i++) {
        uint32_t window = arch::Lapic::calibrate(kCalibrationMs);
        if (window != 0 && (best == 0 || window < best)) {
            best = window;
        }
    }
    uint32_t count = best / (kCalibrationMs / kTickMs);
    if (count == 0) {
        arch::Lapic::passThroughPic();
        return "the LAPIC timer did not calibrate";
    }
    arch::Irq::setMadt(madt);
    arch::Irq::useController(arch::Irq::Controller::Apic);
    arch::Irq::install(arch::Irq::kLapicTimer, "lapic-timer", onTick);
    arch::Irq::install(arch::Irq::kSpurious, "spurious", nullptr);
    arch::Lapic::startPeriodic(arch::Irq::kLapicTimer, count);
    g_lapicCount = count;
    g_source = "lapic";
    return nullptr;
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

bool Tick::start(const drivers::MadtInfo& madt, uint64_t hhdmOffset, bool noApic) {
    // Always move the 8259s off the exception vectors, even when the APIC takes over.
    arch::Pic8259::initialize(arch::Irq::kIsaBase);
    g_processors = madt.processors;
    g_fallbackReason = noApic ? "noapic on the command line" : startApic(madt, hhdmOffset);
    if (g_fallbackReason != nullptr) {
        startPit();
    }
    arch::Irq::enable();
    return ticksArrive();
}

void Tick::setHook(void (*hook)()) { g_tickHook = hook; }

const char* Tick::source() { return g_source; }

const char* Tick::fallbackReason() { return g_fallbackReason; }

uint32_t Tick::lapicCountPerTick() { return g_lapicCount; }

int Tick::processors() { return g_processors; }

}  // namespace sched
