// tests/CommandLineTest: whole-word flags on the kernel command line.
#include "lib/CommandLine.h"

#include "tests/Test.h"

using lib::CommandLine;

TEST(hasFlag_aloneOrAmongWords_isFound) {
    EXPECT_TRUE(CommandLine::hasFlag("noapic", "noapic"));
    EXPECT_TRUE(CommandLine::hasFlag("quiet noapic", "noapic"));
    EXPECT_TRUE(CommandLine::hasFlag("  noapic\tquiet ", "noapic"));
}

TEST(hasFlag_asPartOfAnotherWord_isNotFound) {
    EXPECT_TRUE(!CommandLine::hasFlag("noapicx", "noapic"));
    EXPECT_TRUE(!CommandLine::hasFlag("xnoapic", "noapic"));
    EXPECT_TRUE(!CommandLine::hasFlag("noapi", "noapic"));
    EXPECT_TRUE(!CommandLine::hasFlag("noapic=1", "noapic"));
}

TEST(hasFlag_emptyOrNullLine_hasNoFlags) {
    EXPECT_TRUE(!CommandLine::hasFlag("", "noapic"));
    EXPECT_TRUE(!CommandLine::hasFlag("   ", "noapic"));
    EXPECT_TRUE(!CommandLine::hasFlag(nullptr, "noapic"));
    EXPECT_TRUE(!CommandLine::hasFlag("noapic", ""));
}
