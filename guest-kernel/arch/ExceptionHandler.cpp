// arch/ExceptionHandler: see ExceptionHandler.h. Names per SDM Vol.3 Table 6-1 and
// AMD APM Vol.2 Table 8-1 (#HV, #VC, #SX).
#include "arch/ExceptionHandler.h"

#include "arch/Cpu.h"
#include "lib/Kprintf.h"
#include "lib/Panic.h"

namespace arch {

namespace {

constexpr const char* kNames[32] = {
    "#DE divide error",
    "#DB debug",
    "NMI non-maskable interrupt",
    "#BP breakpoint",
    "#OF overflow",
    "#BR bound range exceeded",
    "#UD invalid opcode",
    "#NM device not available",
    "#DF double fault",
    "coprocessor segment overrun",
    "#TS invalid TSS",
    "#NP segment not present",
    "#SS stack-segment fault",
    "#GP general protection",
    "#PF page fault",
    "reserved",
    "#MF x87 floating-point error",
    "#AC alignment check",
    "#MC machine check",
    "#XM SIMD floating-point exception",
    "#VE virtualization exception",
    "#CP control protection",
    "reserved",
    "reserved",
    "reserved",
    "reserved",
    "reserved",
    "reserved",
    "#HV hypervisor injection",
    "#VC VMM communication",
    "#SX security exception",
    "reserved",
};

}  // namespace

const char* ExceptionHandler::name(uint64_t vector) {
    return vector < 32 ? kNames[vector] : "reserved";
}

void ExceptionHandler::panicWithDump(const InterruptFrame& f) {
    // Read the control registers first: nothing below may disturb CR2.
    uint64_t cr0 = readCr0(), cr2 = readCr2(), cr3 = readCr3(), cr4 = readCr4();
    if (!lib::beginPanicScreen()) {
        haltForever();
    }
    using lib::kprintf;
    kprintf("KERNEL PANIC: %s (vector %lu, error 0x%016lx)\n", name(f.vector), f.vector, f.errorCode);
    kprintf("RIP=%016lx RSP=%016lx RFLAGS=%016lx\n", f.rip, f.rsp, f.rflags);
    kprintf("RAX=%016lx RBX=%016lx RCX=%016lx RDX=%016lx\n", f.rax, f.rbx, f.rcx, f.rdx);
    kprintf("RSI=%016lx RDI=%016lx RBP=%016lx R8 =%016lx\n", f.rsi, f.rdi, f.rbp, f.r8);
    kprintf("R9 =%016lx R10=%016lx R11=%016lx R12=%016lx\n", f.r9, f.r10, f.r11, f.r12);
    kprintf("R13=%016lx R14=%016lx R15=%016lx\n", f.r13, f.r14, f.r15);
    kprintf("CS=%04lx SS=%04lx CR0=%016lx CR2=%016lx CR3=%016lx CR4=%016lx\n", f.cs & 0xFFFF,
            f.ss & 0xFFFF, cr0, cr2, cr3, cr4);
    lib::haltAfterPanic();
}

}  // namespace arch

extern "C" void exception_dispatch(arch::InterruptFrame* frame) {
    arch::ExceptionHandler::panicWithDump(*frame);
}
