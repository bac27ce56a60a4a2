// drivers/PowerButton: see PowerButton.h.
#include "drivers/PowerButton.h"

#include "arch/Io.h"
#include "arch/Irq.h"
#include "boot/BootInfo.h"
#include "drivers/AcpiTables.h"
#include "drivers/Power.h"
#include "lib/Kprintf.h"
#include "lib/String.h"
#include "mm/PhysicalMemoryManager.h"

namespace drivers {

namespace {

using namespace acpi;

constexpr uint16_t kPowerButton = 1 << 8;  // PWRBTN_STS / PWRBTN_EN (ACPI 6.5 tables 4.13, 4.14)
constexpr uint8_t kMaxIsaIrq = 15;
constexpr uint32_t kMaxTableLength = 1024 * 1024;

uint16_t g_statusPort;  // PM1a_STS
uint16_t g_enablePort;  // PM1a_EN: the second half of the PM1a event block (ACPI 6.5 4.8.3.1)

bool checksumOk(const SdtHeader* table) {
    uint8_t sum = 0;
    auto* p = reinterpret_cast<const uint8_t*>(table);
    for (uint32_t i = 0; i < table->length; i++) {
        sum = static_cast<uint8_t>(sum + p[i]);
    }
    return sum == 0;
}

const SdtHeader* tableAt(uint64_t physical) {
    const auto* t = mm::PhysicalMemoryManager::toVirtual<const SdtHeader>(physical);
    bool sane = t->length >= sizeof(SdtHeader) && t->length <= kMaxTableLength;
    return sane && checksumOk(t) ? t : nullptr;
}

const Fadt* findFadt() {
    const auto* response = boot::BootInfo::rsdp();
    if (response == nullptr || response->address == 0) {
        return nullptr;
    }
    uint64_t hhdm = mm::PhysicalMemoryManager::hhdmOffset();
    uint64_t address = response->address;
    const auto* rsdp = mm::PhysicalMemoryManager::toVirtual<const Rsdp>(address >= hhdm ? address - hhdm : address);
    bool useXsdt = rsdp->revision >= 2 && rsdp->xsdtAddress != 0;
    const SdtHeader* root = tableAt(useXsdt ? rsdp->xsdtAddress : rsdp->rsdtAddress);
    if (root == nullptr) {
        return nullptr;
    }
    size_t entrySize = useXsdt ? 8 : 4;
    size_t count = (root->length - sizeof(SdtHeader)) / entrySize;
    auto* entries = reinterpret_cast<const uint8_t*>(root) + sizeof(SdtHeader);
    for (size_t i = 0; i < count; i++) {
        uint64_t entry = 0;
        memcpy(&entry, entries + i * entrySize, entrySize);
        const SdtHeader* t = tableAt(entry);
        if (t != nullptr && memcmp(t->signature, "FACP", 4) == 0 && t->length >= offsetof(Fadt, pm1EventLength) + 1) {
            return reinterpret_cast<const Fadt*>(t);
        }
    }
    return nullptr;
}

void systemControlInterrupt(arch::InterruptFrame&) {
    uint16_t status = arch::inw(g_statusPort);
    arch::outw(g_statusPort, status);  // write-1-to-clear every bit we saw
    if ((status & kPowerButton) != 0) {
        lib::kprintf("power button: powering off\n");
        const char* why = Power::powerOff();
        lib::kprintf("power button: %s\n", why);
    }
}

}  // namespace

void powerButtonInit() {
    const Fadt* fadt = findFadt();
    if (fadt == nullptr || fadt->pm1aEventBlock == 0 || fadt->pm1EventLength < 4 || fadt->sciInterrupt > kMaxIsaIrq) {
        lib::kprintf("power button: no ACPI PM1 event block or SCI\n");
        return;
    }
    g_statusPort = static_cast<uint16_t>(fadt->pm1aEventBlock);
    g_enablePort = static_cast<uint16_t>(fadt->pm1aEventBlock + fadt->pm1EventLength / 2);
    arch::outw(g_statusPort, kPowerButton);
    arch::Irq::installIsa(static_cast<uint8_t>(fadt->sciInterrupt), "acpi sci", systemControlInterrupt);
    arch::outw(g_enablePort, static_cast<uint16_t>(arch::inw(g_enablePort) | kPowerButton));
}

}  // namespace drivers
