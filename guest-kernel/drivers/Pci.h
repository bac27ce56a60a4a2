// drivers/Pci: PCI enumeration through configuration mechanism 1 (PCI Local Bus 3.0
// section 3.2.2.3.2: CONFIG_ADDRESS at 0xCF8 = enable bit 31 | bus << 16 | device << 11 |
// function << 8 | dword offset; CONFIG_DATA at 0xCFC). init() scans bus 0 and every bus
// behind a PCI-to-PCI bridge (class 0604, secondary bus number at offset 19h), visiting
// functions 1-7 only of multi-function devices (header type bit 7), and keeps what it found.
// configAddress() and className() are pure code, also built for host unit tests.
#pragma once

#include <stdint.h>

namespace drivers {

struct PciFunctionInfo {
    uint8_t bus;
    uint8_t device;    // 0-31
    uint8_t function;  // 0-7
    uint16_t vendorId;
    uint16_t deviceId;
    uint16_t classCode;  // base class << 8 | subclass
    uint8_t headerType;  // without the multi-function bit
};

constexpr uint32_t pciConfigAddress(uint8_t bus, uint8_t device, uint8_t function, uint8_t offset) {
    return 0x80000000u | static_cast<uint32_t>(bus) << 16 | static_cast<uint32_t>(device & 0x1f) << 11 |
           static_cast<uint32_t>(function & 0x07) << 8 | (offset & 0xfcu);
}

// A short name for a base class/subclass pair (PCI Code and ID Assignment 1.12 section 1).
inline const char* pciClassName(uint16_t classCode) {
    switch (classCode) {
        case 0x0100: return "SCSI controller";
        case 0x0101: return "IDE controller";
        case 0x0106: return "SATA controller";
        case 0x0108: return "NVMe controller";
        case 0x0200: return "Ethernet controller";
        case 0x0300: return "VGA controller";
        case 0x0403: return "audio device";
        case 0x0600: return "host bridge";
        case 0x0601: return "ISA bridge";
        case 0x0604: return "PCI bridge";
        case 0x0680: return "bridge";
        case 0x0c03: return "USB controller";
        case 0x0c05: return "SMBus controller";
        default: break;
    }
    switch (classCode >> 8) {
        case 0x01: return "storage controller";
        case 0x02: return "network controller";
        case 0x03: return "display controller";
        case 0x04: return "multimedia device";
        case 0x05: return "memory controller";
        case 0x06: return "bridge";
        case 0x07: return "communication controller";
        case 0x08: return "system peripheral";
        case 0x09: return "input controller";
        case 0x0c: return "serial bus controller";
        default: return "device";
    }
}

namespace pci {

constexpr int kMaxFunctions = 64;

// Enumerates the buses and registers the "pci host bridge" self-check.
void init();
int functionCount();
const PciFunctionInfo& function(int index);
// True when 00:00.0 is a host bridge (class 0600).
bool hostBridgePresent();

}  // namespace pci

}  // namespace drivers
