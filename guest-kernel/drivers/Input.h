// drivers/Input: the console input queue. Sources that produce bytes on their own (the PS/2
// keyboard) call input::push(c), which may run in an interrupt handler. A source that can
// hold its bytes (the UART's FIFO, with the host's inbox behind it) is attached with
// setPullSource(pull, arm) instead: read() takes its bytes only when the queue is empty and a
// byte is wanted, so unread input stays in the device (flow control; typed-ahead input
// survives a reboot), and before sleeping calls arm() so the device interrupts when a byte
// arrives; its interrupt handler then calls notify(). read() sleeps the calling thread on a
// wait queue while there is no byte instead of polling. When the kernel runs without a timer tick (no interrupts reach
// it), setPollSource() names a function that read() polls instead of sleeping. A full queue (kCapacity bytes) drops new bytes and counts them.
#pragma once

#include <stdint.h>

namespace drivers::input {

constexpr int kCapacity = 256;

void push(char c);
// Blocks until a byte is queued; returns it.
char read();
// Returns a queued byte or -1, without blocking.
int tryRead();
uint64_t dropped();
// poll returns a byte or -1; nullptr switches back to sleeping reads.
void setPollSource(int (*poll)());
// pull returns a byte or -1; arm enables the source's "byte available" interrupt. Call
// both with interrupts disabled.
void setPullSource(int (*pull)(), void (*arm)());
// Wakes the readers (from the pull source's interrupt handler or the timer tick).
void notify();

}  // namespace drivers::input
