// lib/Panic: stopping the machine when it truly cannot go on. beginPanicScreen() paints the
// framebuffer red and switches the console to white on red (the "red panic screen"); a
// second panic while one is in progress halts at once. panic() prints
// "KERNEL PANIC: <message>" and halts with interrupts off (cli; hlt forever).
#pragma once

namespace lib {

// Returns false when a panic is already in progress (the caller should halt silently).
bool beginPanicScreen();
[[noreturn]] void haltAfterPanic();
[[noreturn]] void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace lib
