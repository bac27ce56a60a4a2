// tests/MadtTest: drivers/Madt::parse on hand-built tables (ACPI 6.5 5.2.12).
#include <cstdint>
#include <vector>

#include "drivers/Madt.h"
#include "tests/Test.h"

namespace {

struct TableBuilder {
    std::vector<uint8_t> bytes;

    explicit TableBuilder(uint32_t localApic, uint32_t flags) {
        const char header[] = "APIC";
        bytes.assign(36, 0);
        for (int i = 0; i < 4; i++) bytes[i] = static_cast<uint8_t>(header[i]);
        bytes[8] = 5;  // revision
        put32(localApic);
        put32(flags);
    }
    void put8(uint8_t v) { bytes.push_back(v); }
    void put16(uint16_t v) { put8(static_cast<uint8_t>(v)); put8(static_cast<uint8_t>(v >> 8)); }
    void put32(uint32_t v) { put16(static_cast<uint16_t>(v)); put16(static_cast<uint16_t>(v >> 16)); }
    void localApic(uint8_t uid, uint8_t id, uint32_t flags) { put8(0); put8(8); put8(uid); put8(id); put32(flags); }
    void ioApic(uint8_t id, uint32_t address, uint32_t gsiBase) {
        put8(1); put8(12); put8(id); put8(0); put32(address); put32(gsiBase);
    }
    void override(uint8_t source, uint32_t gsi, uint16_t flags) {
        put8(2); put8(10); put8(0); put8(source); put32(gsi); put16(flags);
    }
    std::vector<uint8_t> finish() {
        uint32_t length = static_cast<uint32_t>(bytes.size());
        for (int i = 0; i < 4; i++) bytes[4 + i] = static_cast<uint8_t>(length >> (8 * i));
        uint8_t sum = 0;
        for (uint8_t b : bytes) sum = static_cast<uint8_t>(sum + b);
        bytes[9] = static_cast<uint8_t>(-sum);
        return bytes;
    }
};

std::vector<uint8_t> pcTable() {
    TableBuilder t(0xFEE00000, 1);
    t.localApic(0, 0, 1);
    t.localApic(1, 1, 0);  // disabled, not online capable
    t.ioApic(2, 0xFEC00000, 0);
    t.override(0, 2, 0);                   // IRQ 0 -> GSI 2, bus defaults
    t.override(9, 9, 0b11 | (0b11 << 2));  // SCI: active low, level
    return t.finish();
}

}  // namespace

TEST(madt_parse_pcTable_readsApicAddressesAndProcessors) {
    auto bytes = pcTable();
    drivers::MadtInfo info = drivers::Madt::parse(bytes.data(), bytes.size());
    EXPECT_TRUE(info.valid);
    EXPECT_EQ(0xFEE00000u, info.localApicAddress);
    EXPECT_TRUE(info.pcatCompat);
    EXPECT_TRUE(info.hasIoApic);
    EXPECT_EQ(2, info.ioApicId);
    EXPECT_EQ(0xFEC00000u, info.ioApicAddress);
    EXPECT_EQ(1, info.processors);
}

TEST(madt_parse_sourceOverrides_routeIsaIrqs) {
    auto bytes = pcTable();
    drivers::MadtInfo info = drivers::Madt::parse(bytes.data(), bytes.size());
    EXPECT_EQ(2u, info.isa[0].gsi);
    EXPECT_TRUE(!info.isa[0].activeLow && !info.isa[0].levelTriggered);
    EXPECT_EQ(9u, info.isa[9].gsi);
    EXPECT_TRUE(info.isa[9].activeLow && info.isa[9].levelTriggered);
    EXPECT_EQ(4u, info.isa[4].gsi);  // no override: identity
}

TEST(madt_parse_badChecksum_isInvalid) {
    auto bytes = pcTable();
    bytes[40] ^= 1;
    EXPECT_TRUE(!drivers::Madt::parse(bytes.data(), bytes.size()).valid);
}

TEST(madt_parse_truncatedEntry_keepsEarlierEntries) {
    TableBuilder t(0xFEE00000, 0);
    t.ioApic(0, 0xFEC00000, 0);
    t.put8(2);
    t.put8(40);  // claims to run past the end of the table
    auto bytes = t.finish();
    drivers::MadtInfo info = drivers::Madt::parse(bytes.data(), bytes.size());
    EXPECT_TRUE(info.valid && info.hasIoApic);
    EXPECT_EQ(0u, info.isa[0].gsi);
}
