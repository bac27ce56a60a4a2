// drivers/AmlSleepPackage: finds a sleep-state package such as \_S5_ in DSDT AML bytes
// without an AML interpreter: it looks for NameOp (0x08) + the name (optionally with a root
// '\' prefix), then PackageOp (0x12), PkgLength, NumElements and reads the first two
// elements as integers (ACPI 6.x 20.2.3 data objects: ZeroOp, OneOp, OnesOp, BytePrefix,
// WordPrefix, DWordPrefix). Those are SLP_TYPa and SLP_TYPb (ACPI 7.4.2 \_Sx states).
// Pure code: also built for host unit tests.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace drivers {

struct SleepType {
    uint16_t a;
    uint16_t b;
};

class AmlSleepPackage {
public:
    // name: four characters, e.g. "_S5_". Returns false when absent or malformed.
    static bool find(const uint8_t* aml, size_t length, const char* name, SleepType* out);
};

}  // namespace drivers
