// sched/Scheduler: see Scheduler.h.
#include "sched/Scheduler.h"

#include "arch/Cpu.h"
#include "arch/Irq.h"
#include "drivers/TscClock.h"
#include "lib/Panic.h"

extern "C" {
void switch_context(uint64_t* saveRsp, uint64_t newRsp);
void thread_trampoline();
[[noreturn]] void thread_exit();
}

namespace sched {

namespace {

constexpr uint64_t kStackSize = 32 * 1024;
constexpr uint64_t kInitialFlags = 0x2;  // RFLAGS bit 1 is always set; IF off until the trampoline's sti

Thread g_idle{0, 0, "idle", ThreadState::Running, 0, 0, nullptr, nullptr, nullptr};
Thread* g_current = &g_idle;
Thread* g_last = &g_idle;
int g_nextId = 1;
volatile uint64_t g_ticks = 0;
uint32_t g_sliceLeft = Scheduler::kSliceTicks;
bool g_switchRequested = false;

// Round robin: the first ready thread after the current one in creation order; idle last.
Thread* pickNext() {
    Thread* t = g_current;
    for (;;) {
        t = t->next != nullptr ? t->next : &g_idle;
        if (t != &g_idle && t->state == ThreadState::Ready) {
            return t;
        }
        if (t == g_current) {
            break;
        }
    }
    if (g_current != &g_idle && g_current->state == ThreadState::Running) {
        return g_current;
    }
    return &g_idle;
}

}  // namespace

void Scheduler::initialize() { g_idle.state = ThreadState::Running; }

Thread* Scheduler::first() { return &g_idle; }

Thread* Scheduler::current() { return g_current; }

uint64_t Scheduler::ticks() { return g_ticks; }

// The TSC, when its rate is known, is the clock source: a tick the host delivered late, or two
// it merged into one, then shifts a wake-up by at most a tick instead of stretching every
// sleep (as Linux keeps time with a clocksource and uses the tick only to wake). Without a
// known TSC rate, time is the tick count.
uint64_t Scheduler::millisecondsSinceBoot() {
    uint64_t ms = 0;
    if (drivers::TscClock::millisecondsSinceBoot(&ms)) {
        return ms;
    }
    return g_ticks * 1000 / kTickHz;
}

const char* Scheduler::stateName(ThreadState state) {
    switch (state) {
        case ThreadState::Ready: return "ready";
        case ThreadState::Running: return "running";
        case ThreadState::Sleeping: return "sleeping";
        case ThreadState::Blocked: return "blocked";
        case ThreadState::Dead: return "dead";
    }
    return "?";
}

Thread* Scheduler::spawn(const char* name, void (*entry)(void*), void* arg) {
    auto* stack = new uint8_t[kStackSize];
    auto* t = new Thread{0, 0, name, ThreadState::Ready, 0, 0, stack, nullptr, nullptr};
    // The frame switch_context pops: RFLAGS, r15, r14, r13, r12, rbx, rbp, then the return
    // address; after that `ret` RSP is 16-byte aligned for the trampoline's call (SysV ABI).
    uint64_t top = (reinterpret_cast<uint64_t>(stack) + kStackSize) & ~0xFull;
    auto* sp = reinterpret_cast<uint64_t*>(top - 24);
    sp[0] = reinterpret_cast<uint64_t>(&thread_trampoline);
    uint64_t frame[7] = {kInitialFlags, 0, 0, reinterpret_cast<uint64_t>(arg), reinterpret_cast<uint64_t>(entry), 0, 0};
    for (int i = 0; i < 7; i++) {
        sp[i - 7] = frame[i];
    }
    t->savedRsp = reinterpret_cast<uint64_t>(sp - 7);
    uint64_t flags = arch::Irq::save();
    t->id = g_nextId++;
    g_last->next = t;
    g_last = t;
    arch::Irq::restore(flags);
    return t;
}

void Scheduler::schedule() {
    // Interrupts are off here.
    Thread* next = pickNext();
    g_sliceLeft = kSliceTicks;
    g_switchRequested = false;
    if (next == g_current) {
        g_current->state = ThreadState::Running;
        return;
    }
    Thread* previous = g_current;
    if (previous->state == ThreadState::Running) {
        previous->state = ThreadState::Ready;
    }
    next->state = ThreadState::Running;
    g_current = next;
    switch_context(&previous->savedRsp, next->savedRsp);
}

void Scheduler::tick() {
    g_ticks = g_ticks + 1;
    g_current->ticksRun++;
    uint64_t now = millisecondsSinceBoot();
    for (Thread* t = &g_idle; t != nullptr; t = t->next) {
        if (t->state == ThreadState::Sleeping && t->wakeAtMs <= now) {
            t->state = ThreadState::Ready;
            g_switchRequested |= g_current == &g_idle;
        }
    }
    if (g_sliceLeft > 0) {
        g_sliceLeft--;
    }
    if (g_sliceLeft == 0 || g_current == &g_idle) {
        g_switchRequested = true;
    }
}

void Scheduler::preemptIfRequested() {
    if (g_switchRequested) {
        schedule();
    }
}

void Scheduler::yield() {
    uint64_t flags = arch::Irq::save();
    schedule();
    arch::Irq::restore(flags);
}

void Scheduler::sleepMs(uint64_t ms) {
    uint64_t flags = arch::Irq::save();
    g_current->wakeAtMs = millisecondsSinceBoot() + (ms == 0 ? 1 : ms);
    g_current->state = ThreadState::Sleeping;
    schedule();
    arch::Irq::restore(flags);
}

void Scheduler::block() {
    g_current->state = ThreadState::Blocked;
    schedule();
}

void Scheduler::unblock(Thread* thread) {
    if (thread->state == ThreadState::Blocked) {
        thread->state = ThreadState::Ready;
        if (g_current == &g_idle) {
            g_switchRequested = true;
        }
    }
}

void Scheduler::exitCurrent() {
    arch::Irq::disable();
    g_current->state = ThreadState::Dead;
    schedule();
    lib::panic("a dead thread was scheduled");
}

void WaitQueue::wait() {
    Thread* self = Scheduler::current();
    self->waitNext = nullptr;
    if (m_tail != nullptr) {
        m_tail->waitNext = self;
    } else {
        m_head = self;
    }
    m_tail = self;
    Scheduler::block();
}

void WaitQueue::wakeAll() {
    Thread* t = m_head;
    m_head = m_tail = nullptr;
    while (t != nullptr) {
        Thread* next = t->waitNext;
        t->waitNext = nullptr;
        Scheduler::unblock(t);
        t = next;
    }
}

}  // namespace sched

extern "C" void thread_exit() { sched::Scheduler::exitCurrent(); }
