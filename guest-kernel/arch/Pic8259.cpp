// arch/Pic8259: see Pic8259.h.
#include "arch/Pic8259.h"

#include "arch/Io.h"

namespace arch {

namespace {

constexpr uint16_t kMasterCommand = 0x20, kMasterData = 0x21;
constexpr uint16_t kSlaveCommand = 0xA0, kSlaveData = 0xA1;
constexpr uint8_t kIcw1InitWithIcw4 = 0x11;  // ICW1: D4 = 1 (init), IC4 = 1, edge, cascade
constexpr uint8_t kIcw4Mode8086 = 0x01;
constexpr uint8_t kOcw2NonSpecificEoi = 0x20;
constexpr uint8_t kOcw3ReadIsr = 0x0B;
constexpr uint8_t kCascadeLine = 2;

uint8_t g_masterMask = 0xFF;
uint8_t g_slaveMask = 0xFF;

void writeMasks() {
    outb(kMasterData, g_masterMask);
    outb(kSlaveData, g_slaveMask);
}

}  // namespace

void Pic8259::initialize(uint8_t vectorBase) {
    outb(kMasterCommand, kIcw1InitWithIcw4);
    outb(kSlaveCommand, kIcw1InitWithIcw4);
    outb(kMasterData, vectorBase);                      // ICW2: vector base (T7-T3)
    outb(kSlaveData, static_cast<uint8_t>(vectorBase + 8));
    outb(kMasterData, 1u << kCascadeLine);              // ICW3 master: slave on IR2
    outb(kSlaveData, kCascadeLine);                     // ICW3 slave: its cascade identity
    outb(kMasterData, kIcw4Mode8086);
    outb(kSlaveData, kIcw4Mode8086);
    maskAll();
}

void Pic8259::maskAll() {
    g_masterMask = 0xFF;
    g_slaveMask = 0xFF;
    writeMasks();
}

void Pic8259::unmask(uint8_t irq) {
    if (irq >= 8) {
        g_slaveMask = static_cast<uint8_t>(g_slaveMask & ~(1u << (irq - 8)));
        g_masterMask = static_cast<uint8_t>(g_masterMask & ~(1u << kCascadeLine));
    } else {
        g_masterMask = static_cast<uint8_t>(g_masterMask & ~(1u << irq));
    }
    writeMasks();
}

void Pic8259::mask(uint8_t irq) {
    if (irq >= 8) {
        g_slaveMask = static_cast<uint8_t>(g_slaveMask | (1u << (irq - 8)));
    } else {
        g_masterMask = static_cast<uint8_t>(g_masterMask | (1u << irq));
    }
    writeMasks();
}

void Pic8259::eoi(uint8_t irq) {
    if (irq >= 8) {
        outb(kSlaveCommand, kOcw2NonSpecificEoi);
    }
    outb(kMasterCommand, kOcw2NonSpecificEoi);
}

bool Pic8259::isSpurious(uint8_t irq) {
    // 8259A datasheet: a request that drops before INTA is delivered as IR7 without setting
    // its ISR bit. A spurious slave IRQ 15 still took the master's cascade line: EOI the master.
    if (irq != 7 && irq != 15) {
        return false;
    }
    uint16_t port = irq == 7 ? kMasterCommand : kSlaveCommand;
    outb(port, kOcw3ReadIsr);
    bool inService = (inb(port) & 0x80) != 0;
    if (!inService && irq == 15) {
        outb(kMasterCommand, kOcw2NonSpecificEoi);
    }
    return !inService;
}

}  // namespace arch
