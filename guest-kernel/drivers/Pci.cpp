// drivers/Pci: see Pci.h.
#include "drivers/Pci.h"

#include "arch/Io.h"
#include "lib/Kprintf.h"
#include "lib/SelfTest.h"

namespace drivers::pci {

namespace {

constexpr uint16_t kConfigAddressPort = 0xcf8;
constexpr uint16_t kConfigDataPort = 0xcfc;
constexpr uint16_t kNoDevice = 0xffff;  // vendor ID read back when nothing decodes the cycle
constexpr uint8_t kMultiFunction = 0x80;
constexpr uint16_t kPciToPciBridge = 0x0604;
constexpr int kMaxBusDepth = 8;

PciFunctionInfo g_functions[kMaxFunctions];
int g_count;
bool g_truncated;

uint32_t readConfig(uint8_t bus, uint8_t device, uint8_t function, uint8_t offset) {
    arch::outl(kConfigAddressPort, pciConfigAddress(bus, device, function, offset));
    return arch::inl(kConfigDataPort);
}

void scanBus(uint8_t bus, int depth);

void scanFunction(uint8_t bus, uint8_t device, uint8_t function, int depth) {
    uint32_t id = readConfig(bus, device, function, 0x00);
    if ((id & 0xffff) == kNoDevice) {
        return;
    }
    uint32_t classReg = readConfig(bus, device, function, 0x08);  // class, subclass, prog-if, revision
    uint32_t headerReg = readConfig(bus, device, function, 0x0c);  // BIST, header type, latency, line size
    PciFunctionInfo info{bus, device, function, static_cast<uint16_t>(id & 0xffff), static_cast<uint16_t>(id >> 16),
                         static_cast<uint16_t>(classReg >> 16), static_cast<uint8_t>((headerReg >> 16) & 0x7f)};
    if (g_count == kMaxFunctions) {
        g_truncated = true;
        return;
    }
    g_functions[g_count++] = info;
    if (info.classCode == kPciToPciBridge && info.headerType == 1 && depth < kMaxBusDepth) {
        // Type 1 header: primary, secondary and subordinate bus numbers at 18h-1Ah.
        uint8_t secondary = static_cast<uint8_t>(readConfig(bus, device, function, 0x18) >> 8);
        if (secondary > bus) {
            scanBus(secondary, depth + 1);
        }
    }
}

void scanBus(uint8_t bus, int depth) {
    for (uint8_t device = 0; device < 32; device++) {
        uint32_t id = readConfig(bus, device, 0, 0x00);
        if ((id & 0xffff) == kNoDevice) {
            continue;
        }
        uint8_t headerType = static_cast<uint8_t>(readConfig(bus, device, 0, 0x0c) >> 16);
        int functions = (headerType & kMultiFunction) != 0 ? 8 : 1;
        for (uint8_t function = 0; function < functions; function++) {
            scanFunction(bus, device, function, depth);
        }
    }
}

}  // namespace

void init() {
    selftest::add("pci host bridge present", hostBridgePresent);
    g_count = 0;
    g_truncated = false;
    scanBus(0, 0);
    if (g_truncated) {
        lib::kprintf("pci: more than %d functions; listing the first %d\n", kMaxFunctions, kMaxFunctions);
    }
}

int functionCount() { return g_count; }

const PciFunctionInfo& function(int index) { return g_functions[index]; }

bool hostBridgePresent() {
    for (int i = 0; i < g_count; i++) {
        const PciFunctionInfo& f = g_functions[i];
        if (f.bus == 0 && f.device == 0 && f.function == 0) {
            return f.classCode == 0x0600;
        }
    }
    return false;
}

}  // namespace drivers::pci
