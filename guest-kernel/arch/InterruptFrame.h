// arch/InterruptFrame: the uniform frame every exception stub builds (arch/isr_stubs.S).
// From low to high addresses: the 15 general registers pushed by the common stub (r15 at
// the lowest address), the vector number, the error code (a dummy 0 for vectors where the
// CPU pushes none), then what the CPU pushed (SDM Vol.3 6.14.2, Figure 6-9): RIP, CS,
// RFLAGS, RSP, SS.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace arch {

struct InterruptFrame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector;
    uint64_t errorCode;
    uint64_t rip, cs, rflags, rsp, ss;
};
static_assert(sizeof(InterruptFrame) == 22 * 8, "must match arch/isr_stubs.S");
static_assert(offsetof(InterruptFrame, vector) == 15 * 8, "must match arch/isr_stubs.S");
static_assert(offsetof(InterruptFrame, rip) == 17 * 8, "must match arch/isr_stubs.S");

}  // namespace arch
