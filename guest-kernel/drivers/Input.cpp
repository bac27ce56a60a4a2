// drivers/Input: see Input.h.
#include "drivers/Input.h"

#include "arch/Cpu.h"
#include "arch/Irq.h"
#include "sched/Scheduler.h"

namespace drivers::input {

namespace {

char g_buffer[kCapacity];
int g_head = 0;  // next byte to read
int g_count = 0;
uint64_t g_dropped = 0;
sched::WaitQueue g_readers;
int (*g_poll)() = nullptr;
int (*g_pull)() = nullptr;
void (*g_arm)() = nullptr;

// Interrupts are off in the callers.
int take() {
    if (g_count == 0) {
        return g_pull != nullptr ? g_pull() : -1;
    }
    char c = g_buffer[g_head];
    g_head = (g_head + 1) % kCapacity;
    g_count--;
    return static_cast<unsigned char>(c);
}

}  // namespace

void push(char c) {
    uint64_t flags = arch::Irq::save();
    if (g_count == kCapacity) {
        g_dropped++;
    } else {
        g_buffer[(g_head + g_count) % kCapacity] = c;
        g_count++;
        g_readers.wakeAll();
    }
    arch::Irq::restore(flags);
}

char read() {
    while (g_poll != nullptr) {
        int polled = g_poll();
        if (polled >= 0) {
            return static_cast<char>(polled);
        }
        arch::pause();
    }
    uint64_t flags = arch::Irq::save();
    int c;
    while ((c = take()) < 0) {
        if (g_arm != nullptr) {
            g_arm();
        }
        g_readers.wait();
    }
    arch::Irq::restore(flags);
    return static_cast<char>(c);
}

int tryRead() {
    uint64_t flags = arch::Irq::save();
    int c = take();
    arch::Irq::restore(flags);
    return c;
}

uint64_t dropped() { return g_dropped; }

void setPollSource(int (*poll)()) { g_poll = poll; }

void setPullSource(int (*pull)(), void (*arm)()) {
    uint64_t flags = arch::Irq::save();
    g_pull = pull;
    g_arm = arm;
    arch::Irq::restore(flags);
}

void notify() {
    uint64_t flags = arch::Irq::save();
    g_readers.wakeAll();
    arch::Irq::restore(flags);
}

}  // namespace drivers::input
