// drivers/SerialInput: see SerialInput.h.
#include "drivers/SerialInput.h"

#include "arch/Io.h"
#include "arch/Irq.h"
#include "drivers/Input.h"

namespace drivers {

namespace {

constexpr uint8_t kIsaIrqCom1 = 4;
constexpr uint16_t kIer = 1, kFcr = 2;
constexpr uint8_t kIerReceivedData = 0x01;
constexpr uint8_t kFcrEnableTrigger1 = 0x01;  // FIFO on, trigger level 1 byte; bytes already received stay

constexpr uint16_t kLsr = 5;
constexpr uint8_t kLsrDataReady = 0x01;

Serial16550* g_uart = nullptr;
uint16_t g_base = 0;

int pull() { return g_uart->tryRead(); }

void arm() { arch::outb(static_cast<uint16_t>(g_base + kIer), kIerReceivedData); }

void onReceive(arch::InterruptFrame&) {
    // Disarm until the reader wants more: the byte stays in the FIFO until it is consumed.
    arch::outb(static_cast<uint16_t>(g_base + kIer), 0);
    input::notify();
}

}  // namespace

void SerialInput::start(Serial16550& uart, uint16_t base) {
    g_uart = &uart;
    g_base = base;
    arch::outb(static_cast<uint16_t>(base + kFcr), kFcrEnableTrigger1);
    arch::Irq::installIsa(kIsaIrqCom1, "com1", onReceive);
    input::setPullSource(pull, arm);
}

void SerialInput::poke() {
    if (g_uart != nullptr && (arch::inb(static_cast<uint16_t>(g_base + kLsr)) & kLsrDataReady) != 0) {
        input::notify();
    }
}

}  // namespace drivers
