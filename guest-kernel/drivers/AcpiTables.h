// drivers/AcpiTables: the ACPI table layouts JefeOS reads (ACPI 6.5 chapter 5): RSDP
// (5.2.5.3), the common SDT header (5.2.6), the Generic Address Structure (5.2.3.2) and the
// FADT (5.2.9, revision 6 layout, 276 bytes). Offsets are checked at compile time.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace drivers::acpi {

struct [[gnu::packed]] Rsdp {
    char signature[8];  // "RSD PTR "
    uint8_t checksum;   // over the first 20 bytes
    char oemId[6];
    uint8_t revision;  // 2 and up: the extended fields are valid
    uint32_t rsdtAddress;
    uint32_t length;
    uint64_t xsdtAddress;
    uint8_t extendedChecksum;  // over `length` bytes
    uint8_t reserved[3];
};
static_assert(sizeof(Rsdp) == 36 && offsetof(Rsdp, xsdtAddress) == 24);

struct [[gnu::packed]] SdtHeader {
    char signature[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oemId[6];
    char oemTableId[8];
    uint32_t oemRevision;
    uint32_t creatorId;
    uint32_t creatorRevision;
};
static_assert(sizeof(SdtHeader) == 36);

constexpr uint8_t kSpaceSystemMemory = 0;
constexpr uint8_t kSpaceSystemIo = 1;

struct [[gnu::packed]] GenericAddress {
    uint8_t spaceId;
    uint8_t bitWidth;
    uint8_t bitOffset;
    uint8_t accessSize;
    uint64_t address;
};
static_assert(sizeof(GenericAddress) == 12);

// FADT Flags bit 10: RESET_REG_SUP (ACPI 6.5 Table 5.10).
constexpr uint32_t kFadtResetRegSupported = 1u << 10;

struct [[gnu::packed]] Fadt {
    SdtHeader header;  // "FACP"
    uint32_t firmwareCtrl;
    uint32_t dsdt;
    uint8_t reserved0;
    uint8_t preferredPmProfile;
    uint16_t sciInterrupt;
    uint32_t smiCommand;
    uint8_t acpiEnable;
    uint8_t acpiDisable;
    uint8_t s4BiosRequest;
    uint8_t pstateControl;
    uint32_t pm1aEventBlock;
    uint32_t pm1bEventBlock;
    uint32_t pm1aControlBlock;
    uint32_t pm1bControlBlock;
    uint32_t pm2ControlBlock;
    uint32_t pmTimerBlock;
    uint32_t gpe0Block;
    uint32_t gpe1Block;
    uint8_t pm1EventLength;
    uint8_t pm1ControlLength;
    uint8_t pm2ControlLength;
    uint8_t pmTimerLength;
    uint8_t gpe0Length;
    uint8_t gpe1Length;
    uint8_t gpe1Base;
    uint8_t cstControl;
    uint16_t worstC2Latency;
    uint16_t worstC3Latency;
    uint16_t flushSize;
    uint16_t flushStride;
    uint8_t dutyOffset;
    uint8_t dutyWidth;
    uint8_t dayAlarm;
    uint8_t monthAlarm;
    uint8_t century;
    uint16_t iapcBootArch;
    uint8_t reserved1;
    uint32_t flags;
    GenericAddress resetRegister;
    uint8_t resetValue;
    uint16_t armBootArch;
    uint8_t minorVersion;
    uint64_t xFirmwareCtrl;
    uint64_t xDsdt;
    GenericAddress xPm1aEventBlock;
    GenericAddress xPm1bEventBlock;
    GenericAddress xPm1aControlBlock;
    GenericAddress xPm1bControlBlock;
    GenericAddress xPm2ControlBlock;
    GenericAddress xPmTimerBlock;
    GenericAddress xGpe0Block;
    GenericAddress xGpe1Block;
    GenericAddress sleepControlRegister;
    GenericAddress sleepStatusRegister;
    uint64_t hypervisorVendorId;
};
static_assert(offsetof(Fadt, dsdt) == 40);
static_assert(offsetof(Fadt, pm1aEventBlock) == 56);
static_assert(offsetof(Fadt, pm1aControlBlock) == 64);
static_assert(offsetof(Fadt, flags) == 112);
static_assert(offsetof(Fadt, resetRegister) == 116);
static_assert(offsetof(Fadt, resetValue) == 128);
static_assert(offsetof(Fadt, xDsdt) == 140);
static_assert(offsetof(Fadt, xPm1aEventBlock) == 148);
static_assert(offsetof(Fadt, xPm1aControlBlock) == 172);
static_assert(offsetof(Fadt, xPm1bControlBlock) == 184);
static_assert(sizeof(Fadt) == 276, "ACPI 6.5 Table 5.9: FADT is 276 bytes");

}  // namespace drivers::acpi
