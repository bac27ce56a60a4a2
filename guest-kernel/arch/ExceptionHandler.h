// arch/ExceptionHandler: what happens when the CPU raises one of the 32 exceptions.
// JefeOS cannot recover from any of them yet, so every exception is a panic: a red panic
// screen and a register dump on serial and the framebuffer, then cli; hlt forever.
// The dump format is fixed (the emulator's tests match it; also in guest-kernel/README.md):
//
//   KERNEL PANIC: #PF page fault (vector 14, error 0x0000000000000002)
//   RIP=ffffffff80001234 RSP=ffff80001fff0f80 RFLAGS=0000000000010046
//   RAX=... RBX=... RCX=... RDX=...
//   RSI=... RDI=... RBP=... R8 =...
//   R9 =... R10=... R11=... R12=...
//   R13=... R14=... R15=...
//   CS=0008 SS=0010 CR0=... CR2=... CR3=... CR4=...
//   System halted.
//
// Every "..." is 16 lower-case hex digits; CS and SS are 4. RIP/RSP/RFLAGS/CS/SS are those
// the CPU saved (the interrupted context). The error code is the CPU's, or 0 for vectors
// that push none.
#pragma once

#include "arch/InterruptFrame.h"

extern "C" void exception_dispatch(arch::InterruptFrame* frame);

namespace arch {

class ExceptionHandler {
public:
    // "#PF page fault" for 14, "reserved" for vectors without a defined exception.
    static const char* name(uint64_t vector);
    [[noreturn]] static void panicWithDump(const InterruptFrame& frame);
};

}  // namespace arch
