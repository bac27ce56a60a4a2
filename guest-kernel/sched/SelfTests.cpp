// sched/SelfTests: see SelfTests.h.
#include "sched/SelfTests.h"

#include "arch/Cpu.h"
#include "arch/IoApic.h"
#include "arch/Irq.h"
#include "drivers/TscClock.h"
#include "lib/Kprintf.h"
#include "lib/SelfTest.h"
#include "sched/Scheduler.h"
#include "sched/Tick.h"

namespace sched {

namespace {

using lib::kprintf;

volatile bool g_ran = false;
volatile bool g_stop = false;
volatile uint64_t g_spins = 0;

bool tickAdvances() {
    uint64_t before = Scheduler::ticks();
    Scheduler::sleepMs(50);
    return Scheduler::ticks() >= before + 5;
}

bool sleepLastsAsAsked() {
    uint64_t tickMs = Scheduler::millisecondsSinceBoot();
    uint64_t tscMs0 = 0, tscMs1 = 0;
    bool tsc = drivers::TscClock::millisecondsSinceBoot(&tscMs0);
    Scheduler::sleepMs(200);
    uint64_t elapsed = Scheduler::millisecondsSinceBoot() - tickMs;
    bool ok = elapsed >= 200 && elapsed <= 220;
    if (tsc && drivers::TscClock::millisecondsSinceBoot(&tscMs1)) {
        uint64_t tscElapsed = tscMs1 - tscMs0;
        ok = ok && tscElapsed >= 180 && tscElapsed <= 240;
        kprintf("  sleep 200 ms: %lu ms by the tick, %lu ms by the TSC\n", elapsed, tscElapsed);
    }
    return ok;
}

void markRan(void*) { g_ran = true; }

bool threadRunsAndExits() {
    g_ran = false;
    Thread* t = Scheduler::spawn("selftest", markRan, nullptr);
    for (int i = 0; i < 50 && t->state != ThreadState::Dead; i++) {
        Scheduler::sleepMs(10);
    }
    return g_ran && t->state == ThreadState::Dead;
}

void spinUntilStopped(void*) {
    while (!g_stop) {
        g_spins = g_spins + 1;
    }
}

bool busyThreadIsPreempted() {
    g_stop = false;
    g_spins = 0;
    Thread* t = Scheduler::spawn("spinner", spinUntilStopped, nullptr);
    // Neither thread yields: both make progress only if the tick preempts them.
    uint64_t until = Scheduler::ticks() + 3 * Scheduler::kSliceTicks + 1;
    while (Scheduler::ticks() < until) {
        arch::pause();
    }
    bool spun = g_spins > 0;
    g_stop = true;
    for (int i = 0; i < 50 && t->state != ThreadState::Dead; i++) {
        Scheduler::sleepMs(10);
    }
    return spun && t->state == ThreadState::Dead;
}

bool timerInterruptsCounted() {
    uint8_t vector = Tick::lapicCountPerTick() != 0 ? arch::Irq::kLapicTimer : arch::Irq::kIsaBase;
    uint64_t before = arch::Irq::count(vector);
    Scheduler::sleepMs(30);
    return arch::Irq::count(vector) >= before + 3;
}

bool apicDrivesTheTick() {
    if (Tick::fallbackReason() != nullptr) {
        selftest::skip(Tick::fallbackReason());
        return true;
    }
    return arch::Irq::controller() == arch::Irq::Controller::Apic && Tick::lapicCountPerTick() != 0;
}

bool lapicTimerInterruptsCounted() {
    if (Tick::fallbackReason() != nullptr) {
        selftest::skip(Tick::fallbackReason());
        return true;
    }
    uint64_t before = arch::Irq::count(arch::Irq::kLapicTimer);
    Scheduler::sleepMs(30);
    return arch::Irq::count(arch::Irq::kLapicTimer) >= before + 3;
}

bool ioApicCoversIsaIrqs() {
    if (Tick::fallbackReason() != nullptr) {
        selftest::skip(Tick::fallbackReason());
        return true;
    }
    return arch::IoApic::entries() >= 16;
}

bool pitTickThroughThe8259() {
    if (Tick::fallbackReason() == nullptr) {
        selftest::skip("the APIC drives the tick");
        return true;
    }
    uint64_t before = arch::Irq::count(arch::Irq::kIsaBase);
    Scheduler::sleepMs(30);
    return arch::Irq::controller() == arch::Irq::Controller::Pic &&
           arch::Irq::count(arch::Irq::kIsaBase) >= before + 3;
}

}  // namespace

void registerSelfTests() {
    selftest::add("timer tick advances", tickAdvances);
    selftest::add("sleep 200 ms", sleepLastsAsAsked);
    selftest::add("thread runs and exits", threadRunsAndExits);
    selftest::add("busy thread is preempted", busyThreadIsPreempted);
    selftest::add("timer interrupts counted", timerInterruptsCounted);
    selftest::add("apic: local APIC timer drives the tick", apicDrivesTheTick);
    selftest::add("apic: LAPIC timer interrupts counted", lapicTimerInterruptsCounted);
    selftest::add("apic: I/O APIC covers ISA IRQs 0-15", ioApicCoversIsaIrqs);
    selftest::add("pic: PIT tick arrives through the 8259", pitTickThroughThe8259);
}

}  // namespace sched
