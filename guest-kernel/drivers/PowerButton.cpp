// drivers/PowerButton: see PowerButton.h.
#include "drivers/PowerButton.h"

#include "arch/Io.h"
#include "arch/Irq.h"
#include "drivers/Power.h"
#include "lib/Kprintf.h"
#include "sched/Scheduler.h"

namespace drivers {

namespace {

constexpr uint16_t kPowerButton = 1 << 8;  // PWRBTN_STS / PWRBTN_EN (ACPI 6.5 tables 4.13, 4.14)
constexpr uint8_t kMaxIsaIrq = 15;

volatile bool g_pressed = false;
sched::WaitQueue g_pressedQueue;

uint16_t g_statusPort;  // PM1a_STS
uint16_t g_enablePort;  // PM1a_EN: the second half of the PM1a event block (ACPI 6.5 4.8.3.1)

void systemControlInterrupt(arch::InterruptFrame&) {
    uint16_t status = arch::inw(g_statusPort);
    arch::outw(g_statusPort, status);  // write-1-to-clear every bit we saw
    if ((status & kPowerButton) != 0) {
        g_pressed = true;
        g_pressedQueue.wakeAll();
    }
}

// Power-off runs in a thread, not in the interrupt handler: shutting down syncs the disks,
// and the disk driver sleeps until its own interrupt.
void powerButtonThread(void*) {
    for (;;) {
        uint64_t flags = arch::Irq::save();
        while (!g_pressed) {
            g_pressedQueue.wait();
        }
        g_pressed = false;
        arch::Irq::restore(flags);
        lib::kprintf("power button: powering off\n");
        const char* why = Power::powerOff();
        lib::kprintf("power button: %s\n", why);
    }
}

}  // namespace

void powerButtonInit(const AcpiInfo* acpi) {
    if (acpi == nullptr || acpi->pm1aEvent == 0 || acpi->pm1EventLength < 4 || acpi->sciInterrupt > kMaxIsaIrq) {
        lib::kprintf("power button: no ACPI PM1 event block or SCI\n");
        return;
    }
    g_statusPort = acpi->pm1aEvent;
    g_enablePort = static_cast<uint16_t>(acpi->pm1aEvent + acpi->pm1EventLength / 2);
    arch::outw(g_statusPort, kPowerButton);
    sched::Scheduler::spawn("acpi-power", powerButtonThread, nullptr);
    arch::Irq::installIsa(static_cast<uint8_t>(acpi->sciInterrupt), "acpi sci", systemControlInterrupt);
    arch::outw(g_enablePort, static_cast<uint16_t>(arch::inw(g_enablePort) | kPowerButton));
}

}  // namespace drivers
