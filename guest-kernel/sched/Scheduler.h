// sched/Scheduler: kernel threads with preemptive round-robin scheduling on the timer tick.
// initialize() turns the boot context into the idle thread (it runs only when nothing else
// is ready, halting until the next interrupt). spawn() creates a thread on its own 32 KiB
// heap stack; tick() (called by the timer interrupt at kTickHz) counts time, wakes sleepers
// and asks for a switch when the running thread used up its slice, which the interrupt
// dispatcher carries out with preemptIfRequested() after EOI. sleepMs() and WaitQueue block
// the caller. Switching is switch_context (arch/context_switch.S) with interrupts off; a
// preempted thread's interrupt frame stays on its own stack until it runs again.
#pragma once

#include <stdint.h>

namespace sched {

enum class ThreadState { Ready, Running, Sleeping, Blocked, Dead };

struct Thread {
    uint64_t savedRsp;
    int id;
    const char* name;
    ThreadState state;
    uint64_t wakeAtMs;  // Scheduler::millisecondsSinceBoot() at which a sleeping thread wakes
    uint64_t ticksRun;
    uint8_t* stack;
    Thread* next;       // all threads, in creation order
    Thread* waitNext;   // the wait queue it is blocked on
};

class Scheduler {
public:
    static constexpr uint32_t kTickHz = 100;
    static constexpr uint32_t kSliceTicks = 2;

    static void initialize();
    static Thread* spawn(const char* name, void (*entry)(void*), void* arg);
    static Thread* current();
    static uint64_t ticks();
    static uint64_t millisecondsSinceBoot();
    static void tick();
    static void preemptIfRequested();
    static void yield();
    static void sleepMs(uint64_t ms);
    // Blocks the current thread (state Blocked) until unblock(); call with interrupts off.
    static void block();
    static void unblock(Thread* thread);
    [[noreturn]] static void exitCurrent();
    // Calls visit(thread) for every thread, the idle thread first.
    template <typename Visit>
    static void forEach(Visit visit) {
        for (Thread* t = first(); t != nullptr; t = t->next) {
            visit(*t);
        }
    }
    static const char* stateName(ThreadState state);

private:
    static Thread* first();
    static void schedule();
};

// A FIFO of threads waiting for an event. wait() must be called with interrupts disabled
// (the caller checks its condition and sleeps atomically); wakeAll() may run in an interrupt.
class WaitQueue {
public:
    void wait();
    void wakeAll();

private:
    Thread* m_head = nullptr;
    Thread* m_tail = nullptr;
};

}  // namespace sched
