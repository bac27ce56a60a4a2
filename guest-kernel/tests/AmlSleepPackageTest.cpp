// tests/AmlSleepPackageTest: finding \_S5_ in DSDT AML.
#include "drivers/AmlSleepPackage.h"

#include <cstdint>

#include "tests/Test.h"

TEST(aml_s5WithBytePrefixes_readsSleepTypes) {
    // Name(_S5_, Package() {0x05, 0x05, 0, 0}) with BytePrefix-encoded elements.
    const uint8_t aml[] = {0x08, '_', 'S', '5', '_', 0x12, 0x0A, 0x04, 0x0A, 0x05, 0x0A, 0x05, 0x00, 0x00};
    drivers::SleepType t{};
    EXPECT_TRUE(drivers::AmlSleepPackage::find(aml, sizeof(aml), "_S5_", &t));
    EXPECT_EQ(5, t.a);
    EXPECT_EQ(5, t.b);
}

TEST(aml_s5WithRootPrefixAndZeroOps_readsSleepTypes) {
    const uint8_t aml[] = {0x10, 0x08, 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x00, 0x01, 0x00, 0x00};
    drivers::SleepType t{};
    EXPECT_TRUE(drivers::AmlSleepPackage::find(aml, sizeof(aml), "_S5_", &t));
    EXPECT_EQ(0, t.a);
    EXPECT_EQ(1, t.b);
}

TEST(aml_twoBytePkgLength_isSkipped) {
    const uint8_t aml[] = {0x08, '_', 'S', '5', '_', 0x12, 0x40, 0x01, 0x02, 0x0A, 0x07, 0x0A, 0x03};
    drivers::SleepType t{};
    EXPECT_TRUE(drivers::AmlSleepPackage::find(aml, sizeof(aml), "_S5_", &t));
    EXPECT_EQ(7, t.a);
    EXPECT_EQ(3, t.b);
}

TEST(aml_nameWithoutNameOp_isNotAMatch) {
    const uint8_t aml[] = {0x00, '_', 'S', '5', '_', 0x12, 0x0A, 0x04, 0x0A, 0x05, 0x0A, 0x05};
    drivers::SleepType t{};
    EXPECT_TRUE(!drivers::AmlSleepPackage::find(aml, sizeof(aml), "_S5_", &t));
}

TEST(aml_truncatedPackage_isRejected) {
    const uint8_t aml[] = {0x08, '_', 'S', '5', '_', 0x12, 0x0A, 0x04, 0x0A};
    drivers::SleepType t{};
    EXPECT_TRUE(!drivers::AmlSleepPackage::find(aml, sizeof(aml), "_S5_", &t));
}
