// lib/SelfTest: see SelfTest.h.
#include "lib/SelfTest.h"

#include "lib/Kprintf.h"

namespace selftest {

namespace {

struct Entry {
    const char* name;
    Check check;
};

Entry g_checks[kMaxChecks];
int g_count = 0;
const char* g_skipReason = nullptr;  // set by skip() while a check runs

}  // namespace

bool add(const char* name, Check check) {
    if (g_count == kMaxChecks || check == nullptr) {
        return false;
    }
    g_checks[g_count++] = Entry{name, check};
    return true;
}

void skip(const char* reason) { g_skipReason = reason != nullptr ? reason : "not applicable"; }

int runAll() {
    int failed = 0, skipped = 0;
    for (int i = 0; i < g_count; i++) {
        g_skipReason = nullptr;
        bool ok = g_checks[i].check();
        if (g_skipReason != nullptr) {
            lib::kprintf("selftest: %s ... SKIP (%s)\n", g_checks[i].name, g_skipReason);
            skipped++;
            continue;
        }
        lib::kprintf("selftest: %s ... %s\n", g_checks[i].name, ok ? "PASS" : "FAIL");
        failed += ok ? 0 : 1;
    }
    lib::kprintf("selftest: %d passed, %d failed", g_count - failed - skipped, failed);
    if (skipped != 0) {
        lib::kprintf(", %d skipped", skipped);
    }
    lib::kprintf("\n");
    return failed;
}

}  // namespace selftest
