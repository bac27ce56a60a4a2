// drivers/Serial16550: see Serial16550.h. Register offsets from the PC16550D datasheet,
// Table 2 (DLAB = LCR bit 7 selects the divisor latch at offsets 0 and 1).
#include "drivers/Serial16550.h"

#include "arch/Cpu.h"
#include "arch/Io.h"

namespace drivers {

namespace {

constexpr uint16_t kRbrThr = 0;  // receive buffer / transmit holding (DLAB=0), DLL (DLAB=1)
constexpr uint16_t kIer = 1;     // interrupt enable (DLAB=0), DLM (DLAB=1)
constexpr uint16_t kFcr = 2;     // FIFO control (write)
constexpr uint16_t kLcr = 3;     // line control
constexpr uint16_t kMcr = 4;     // modem control
constexpr uint16_t kLsr = 5;     // line status

constexpr uint8_t kLcrDlab = 0x80;
constexpr uint8_t kLcr8N1 = 0x03;
constexpr uint8_t kFcrEnableAndClear = 0x07;  // FIFO enable, clear RX and TX FIFOs
constexpr uint8_t kMcrDtrRtsOut2 = 0x0B;
constexpr uint8_t kLsrDataReady = 0x01;
constexpr uint8_t kLsrThrEmpty = 0x20;

constexpr uint16_t kDivisor115200 = 1;  // 1.8432 MHz / (16 * 115200)
// A UART that never reports THR empty must not hang the kernel: give up waiting after this
// many polls and send anyway.
constexpr int kMaxTransmitPolls = 100000;

}  // namespace

void Serial16550::initialize() {
    arch::outb(m_base + kIer, 0x00);
    arch::outb(m_base + kLcr, kLcrDlab);
    arch::outb(m_base + kRbrThr, kDivisor115200 & 0xFF);
    arch::outb(m_base + kIer, kDivisor115200 >> 8);
    arch::outb(m_base + kLcr, kLcr8N1);
    arch::outb(m_base + kFcr, kFcrEnableAndClear);
    arch::outb(m_base + kMcr, kMcrDtrRtsOut2);
}

void Serial16550::write(char c) {
    for (int i = 0; i < kMaxTransmitPolls; i++) {
        if ((arch::inb(m_base + kLsr) & kLsrThrEmpty) != 0) {
            break;
        }
        arch::pause();
    }
    arch::outb(m_base + kRbrThr, static_cast<uint8_t>(c));
}

int Serial16550::tryRead() {
    if ((arch::inb(m_base + kLsr) & kLsrDataReady) == 0) {
        return -1;
    }
    return arch::inb(m_base + kRbrThr);
}

}  // namespace drivers
