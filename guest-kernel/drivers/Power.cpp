// drivers/Power: see Power.h.
#include "drivers/Power.h"

#include "arch/Cpu.h"
#include "arch/Idt.h"
#include "arch/Io.h"
#include "mm/PhysicalMemoryManager.h"

namespace drivers {

namespace {

constexpr uint16_t kSleepEnable = 1u << 13;
constexpr int kSleepTypeShift = 10;
constexpr uint16_t kSleepTypeMask = 7u << kSleepTypeShift;
constexpr uint16_t kResetControlPort = 0xCF9;
constexpr uint8_t kResetControlFullReset = 0x06;  // SYS_RST | RST_CPU
void (*g_beforeShutdown)() = nullptr;
constexpr int kSettleSpins = 100000;

const AcpiInfo* g_acpi = nullptr;

void settle() {
    for (int i = 0; i < kSettleSpins; i++) {
        arch::pause();
    }
}

void enterSleep(uint16_t port, uint16_t type) {
    uint16_t value = arch::inw(port);
    value = static_cast<uint16_t>((value & ~kSleepTypeMask) | ((type << kSleepTypeShift) & kSleepTypeMask));
    arch::outw(port, static_cast<uint16_t>(value | kSleepEnable));
}

void writeResetRegister(const acpi::GenericAddress& reg, uint8_t value) {
    if (reg.spaceId == acpi::kSpaceSystemIo) {
        arch::outb(static_cast<uint16_t>(reg.address), value);
    } else if (reg.spaceId == acpi::kSpaceSystemMemory) {
        *mm::PhysicalMemoryManager::toVirtual<volatile uint8_t>(reg.address) = value;
    }
}

}  // namespace

void Power::initialize(const AcpiInfo* acpi) { g_acpi = acpi; }

void Power::setBeforeShutdown(void (*hook)()) { g_beforeShutdown = hook; }

const char* Power::powerOff() {
    if (g_beforeShutdown != nullptr) {
        g_beforeShutdown();
    }
    if (g_acpi == nullptr) {
        return "ACPI is not available";
    }
    if (!g_acpi->hasS5 || g_acpi->pm1aControl == 0) {
        return "ACPI has no \\_S5_ state or PM1a control block";
    }
    if (g_acpi->pm1bControl != 0) {
        enterSleep(g_acpi->pm1bControl, g_acpi->s5.b);
    }
    enterSleep(g_acpi->pm1aControl, g_acpi->s5.a);
    settle();
    return "the machine did not power off";
}

void Power::reboot() {
    if (g_beforeShutdown != nullptr) {
        g_beforeShutdown();
    }
    if (g_acpi != nullptr && g_acpi->resetSupported && g_acpi->resetRegister.address != 0) {
        writeResetRegister(g_acpi->resetRegister, g_acpi->resetValue);
        settle();
    }
    arch::outb(kResetControlPort, kResetControlFullReset);
    settle();
    // Last resort: with a zero-limit IDT, the breakpoint cannot be delivered, nor can the
    // resulting #GP or #DF: the CPU shuts down (triple fault), which resets a PC.
    arch::Idt::loadEmpty();
    asm volatile("int3");
    arch::haltForever();
}

}  // namespace drivers
