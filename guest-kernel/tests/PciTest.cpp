// tests/PciTest: configuration mechanism 1 addresses and class names.
#include "drivers/Pci.h"

#include "tests/Test.h"

TEST(pciConfigAddress_hostBridgeVendor_isEnableBitOnly) { EXPECT_EQ(0x80000000u, drivers::pciConfigAddress(0, 0, 0, 0)); }

TEST(pciConfigAddress_packsBusDeviceFunctionOffset) {
    EXPECT_EQ(0x80ff3f08u, drivers::pciConfigAddress(0xff, 7, 7, 0x08));
    EXPECT_EQ(0x8000f800u, drivers::pciConfigAddress(0, 31, 0, 0));
}

TEST(pciConfigAddress_unalignedOffset_isRoundedToDword) {
    EXPECT_EQ(drivers::pciConfigAddress(0, 1, 0, 0x0c), drivers::pciConfigAddress(0, 1, 0, 0x0e));
}

TEST(pciClassName_knownPairs_areNamed) {
    EXPECT_STREQ("host bridge", drivers::pciClassName(0x0600));
    EXPECT_STREQ("ISA bridge", drivers::pciClassName(0x0601));
    EXPECT_STREQ("IDE controller", drivers::pciClassName(0x0101));
}

TEST(pciClassName_unknownSubclass_fallsBackToBaseClass) {
    EXPECT_STREQ("network controller", drivers::pciClassName(0x0280));
    EXPECT_STREQ("device", drivers::pciClassName(0xff00));
}
