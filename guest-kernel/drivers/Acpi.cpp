// drivers/Acpi: see Acpi.h.
#include "drivers/Acpi.h"

#include "lib/String.h"
#include "mm/PhysicalMemoryManager.h"

namespace drivers {

namespace {

using namespace acpi;
using lib::Error;
using lib::ErrorCode;

constexpr uint32_t kMaxTableLength = 16 * 1024 * 1024;

bool checksumOk(const void* data, size_t length) {
    uint8_t sum = 0;
    auto* p = static_cast<const uint8_t*>(data);
    for (size_t i = 0; i < length; i++) {
        sum = static_cast<uint8_t>(sum + p[i]);
    }
    return sum == 0;
}

const SdtHeader* tableAt(uint64_t physical) {
    return mm::PhysicalMemoryManager::toVirtual<const SdtHeader>(physical);
}

bool validTable(const SdtHeader* t, const char* signature) {
    return memcmp(t->signature, signature, 4) == 0 && t->length >= sizeof(SdtHeader) &&
           t->length <= kMaxTableLength && checksumOk(t, t->length);
}

struct RootTables {
    const Fadt* fadt;
    const SdtHeader* madt;
};

// Walks the XSDT (64-bit entries) or the RSDT (32-bit entries) once for the tables JefeOS uses.
lib::ErrorOr<RootTables> findTables(const Rsdp* rsdp) {
    bool useXsdt = rsdp->revision >= 2 && rsdp->xsdtAddress != 0;
    const SdtHeader* root = tableAt(useXsdt ? rsdp->xsdtAddress : rsdp->rsdtAddress);
    if (!validTable(root, useXsdt ? "XSDT" : "RSDT")) {
        return Error::from(ErrorCode::BadChecksum, "ACPI: XSDT/RSDT missing or corrupt");
    }
    size_t entrySize = useXsdt ? 8 : 4;
    size_t count = (root->length - sizeof(SdtHeader)) / entrySize;
    auto* entries = reinterpret_cast<const uint8_t*>(root) + sizeof(SdtHeader);
    RootTables found{nullptr, nullptr};
    for (size_t i = 0; i < count; i++) {
        uint64_t address = 0;
        memcpy(&address, entries + i * entrySize, entrySize);
        const SdtHeader* t = tableAt(address);
        if (memcmp(t->signature, "FACP", 4) == 0 && found.fadt == nullptr) {
            if (!validTable(t, "FACP") || t->length < offsetof(Fadt, xFirmwareCtrl)) {
                return Error::from(ErrorCode::BadChecksum, "ACPI: FADT corrupt");
            }
            found.fadt = reinterpret_cast<const Fadt*>(t);
        } else if (memcmp(t->signature, "APIC", 4) == 0 && found.madt == nullptr && validTable(t, "APIC")) {
            found.madt = t;
        }
    }
    if (found.fadt == nullptr) {
        return Error::from(ErrorCode::NotFound, "ACPI: no FADT");
    }
    return found;
}

bool hasField(const Fadt* fadt, size_t offset, size_t size) { return fadt->header.length >= offset + size; }

uint16_t ioPort(const Fadt* fadt, const GenericAddress Fadt::*extended, size_t offset, uint32_t legacy) {
    if (hasField(fadt, offset, sizeof(GenericAddress))) {
        const GenericAddress& gas = fadt->*extended;
        if (gas.address != 0 && gas.spaceId == kSpaceSystemIo) {
            return static_cast<uint16_t>(gas.address);
        }
    }
    return static_cast<uint16_t>(legacy);
}

}  // namespace

lib::ErrorOr<AcpiInfo> Acpi::create(uint64_t rsdpAddress) {
    if (rsdpAddress == 0) {
        return Error::from(ErrorCode::NotFound, "ACPI: no RSDP from the loader");
    }
    uint64_t hhdm = mm::PhysicalMemoryManager::hhdmOffset();
    uint64_t physical = rsdpAddress >= hhdm ? rsdpAddress - hhdm : rsdpAddress;
    auto* rsdp = mm::PhysicalMemoryManager::toVirtual<const Rsdp>(physical);
    if (memcmp(rsdp->signature, "RSD PTR ", 8) != 0 || !checksumOk(rsdp, 20)) {
        return Error::from(ErrorCode::BadChecksum, "ACPI: RSDP signature or checksum bad");
    }
    if (rsdp->revision >= 2 && !checksumOk(rsdp, sizeof(Rsdp))) {
        return Error::from(ErrorCode::BadChecksum, "ACPI: RSDP extended checksum bad");
    }
    RootTables tables = TRY(findTables(rsdp));
    const Fadt* fadt = tables.fadt;

    AcpiInfo info{};
    info.rsdpRevision = rsdp->revision;
    info.fadtRevision = fadt->header.revision;
    memcpy(info.oemId, rsdp->oemId, 6);
    info.oemId[6] = '\0';
    info.pm1aEvent = ioPort(fadt, &Fadt::xPm1aEventBlock, offsetof(Fadt, xPm1aEventBlock), fadt->pm1aEventBlock);
    info.pm1EventLength = fadt->pm1EventLength;
    info.sciInterrupt = fadt->sciInterrupt;
    info.pm1aControl = ioPort(fadt, &Fadt::xPm1aControlBlock, offsetof(Fadt, xPm1aControlBlock),
                              fadt->pm1aControlBlock);
    info.pm1bControl = ioPort(fadt, &Fadt::xPm1bControlBlock, offsetof(Fadt, xPm1bControlBlock),
                              fadt->pm1bControlBlock);
    if (hasField(fadt, offsetof(Fadt, resetValue), 1)) {
        info.resetSupported = (fadt->flags & kFadtResetRegSupported) != 0;
        info.resetRegister = fadt->resetRegister;
        info.resetValue = fadt->resetValue;
    }

    if (tables.madt != nullptr) {
        info.madt = reinterpret_cast<const uint8_t*>(tables.madt);
        info.madtLength = tables.madt->length;
    }

    uint64_t dsdtAddress = fadt->dsdt;
    if (hasField(fadt, offsetof(Fadt, xDsdt), 8) && fadt->xDsdt != 0) {
        dsdtAddress = fadt->xDsdt;
    }
    if (dsdtAddress != 0) {
        const SdtHeader* dsdt = tableAt(dsdtAddress);
        if (validTable(dsdt, "DSDT")) {
            auto* aml = reinterpret_cast<const uint8_t*>(dsdt) + sizeof(SdtHeader);
            info.hasS5 = AmlSleepPackage::find(aml, dsdt->length - sizeof(SdtHeader), "_S5_", &info.s5);
        }
    }
    return info;
}

}  // namespace drivers
