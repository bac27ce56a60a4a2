// shell/DeviceCommands: see DeviceCommands.h.
#include "shell/DeviceCommands.h"

#include "drivers/I8042.h"
#include "drivers/Pci.h"
#include "drivers/Rtc.h"
#include "lib/Kprintf.h"

namespace shell {

using lib::kprintf;

void dateCommand(const char*) {
    lib::DateTime t;
    if (!drivers::rtc::readDate(&t)) {
        kprintf("date: the RTC stayed in its update cycle\n");
        return;
    }
    kprintf("%04ld-%02d-%02d %02d:%02d:%02d\n", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

void lspciCommand(const char*) {
    int count = drivers::pci::functionCount();
    if (count == 0) {
        kprintf("lspci: no PCI functions\n");
        return;
    }
    for (int i = 0; i < count; i++) {
        const drivers::PciFunctionInfo& f = drivers::pci::function(i);
        kprintf("%02x:%02x.%x %04x:%04x %04x %s\n", f.bus, f.device, f.function, f.vendorId, f.deviceId, f.classCode,
                drivers::pciClassName(f.classCode));
    }
}

void mouseCommand(const char*) {
    if (!drivers::ps2::mousePresent()) {
        kprintf("mouse: no PS/2 mouse\n");
        return;
    }
    drivers::MouseState m = drivers::ps2::mouseState();
    kprintf("mouse: x %d y %d buttons %s%s%s, %lu packet(s)\n", m.x, m.y, m.left ? "L" : "-", m.middle ? "M" : "-",
            m.right ? "R" : "-", m.packets);
}

}  // namespace shell
