// drivers/SerialInput: attaches COM1 to the console input queue (drivers/Input) as a pull
// source. start() sets the FIFO trigger level to 1 byte and installs the ISA IRQ 4 handler.
// The queue reads the receiver only when the shell wants a byte; before the reader sleeps it
// arms the "received data available" interrupt (IER bit 0; 16550 datasheet), and the
// handler disarms it again and wakes the reader, so bytes wait in the UART's FIFO (and the
// board's inbox behind it) until they are consumed. poke() wakes the reader if a byte is
// waiting: the timer tick calls it in case IRQ 4 is not wired.
#pragma once

#include "drivers/Serial16550.h"

namespace drivers {

class SerialInput {
public:
    static void start(Serial16550& uart, uint16_t base);
    static void poke();
};

}  // namespace drivers
