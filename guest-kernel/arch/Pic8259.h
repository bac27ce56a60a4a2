// arch/Pic8259: the PC's cascaded 8259A pair (Intel 8259A datasheet; master at 0x20/0x21,
// slave at 0xA0/0xA1 on master input 2). initialize() runs ICW1-ICW4 (edge, cascade, 8086
// mode) to move IRQ 0-15 to vectors base..base+15 and masks every line; unmask()/mask() edit
// the OCW1 masks (unmasking a slave line also opens the cascade line 2). eoi() sends a
// non-specific EOI (OCW2) to the slave and/or master. isSpurious() reads the in-service
// register (OCW3) to tell a spurious IRQ 7 or 15 from a real one.
#pragma once

#include <stdint.h>

namespace arch {

class Pic8259 {
public:
    static void initialize(uint8_t vectorBase);
    static void maskAll();
    static void unmask(uint8_t irq);
    static void mask(uint8_t irq);
    static void eoi(uint8_t irq);
    static bool isSpurious(uint8_t irq);
};

}  // namespace arch
