// drivers/Serial16550: a polled 16550A UART (TI PC16550D datasheet). Interface:
// initialize() programs 115200 baud 8N1 with FIFOs on and interrupts off; write() waits
// (boundedly) for THR empty (LSR bit 5) and sends a byte; tryRead() returns a received byte
// when LSR.DR (bit 0) is set, else -1. The board puts COM1 at 0x3F8; the device itself only
// knows the base port it is given.
#pragma once

#include <stdint.h>

namespace drivers {

class Serial16550 {
public:
    static constexpr uint16_t kCom1 = 0x3F8;  // PC/AT convention, in the board facts

    explicit constexpr Serial16550(uint16_t base) : m_base(base) {}

    void initialize();
    void write(char c);
    int tryRead();

private:
    uint16_t m_base;
};

}  // namespace drivers
