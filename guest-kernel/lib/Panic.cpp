// lib/Panic: see Panic.h.
#include "lib/Panic.h"

#include <stdarg.h>

#include "arch/Cpu.h"
#include "drivers/Console.h"
#include "lib/Kprintf.h"

namespace lib {

namespace {

bool g_panicking = false;

}  // namespace

bool beginPanicScreen() {
    if (g_panicking) {
        return false;
    }
    g_panicking = true;
    drivers::FbConsole* fb = drivers::Console::framebuffer();
    if (fb != nullptr) {
        drivers::Framebuffer& pixels = fb->framebuffer();
        fb->setColors(pixels.rgb(0xFF, 0xFF, 0xFF), pixels.rgb(0xAA, 0x00, 0x00));
        fb->clear();
    }
    kprintf("\n");
    return true;
}

void haltAfterPanic() {
    kprintf("System halted.\n");
    arch::haltForever();
}

void panic(const char* fmt, ...) {
    if (!beginPanicScreen()) {
        arch::haltForever();
    }
    va_list args;
    va_start(args, fmt);
    kprintf("KERNEL PANIC: ");
    vkprintf(fmt, args);
    kprintf("\n");
    va_end(args);
    haltAfterPanic();
}

}  // namespace lib
