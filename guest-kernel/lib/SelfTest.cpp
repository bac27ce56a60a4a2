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

}  // namespace

bool add(const char* name, Check check) {
    if (g_count == kMaxChecks || check == nullptr) {
        return false;
    }
    g_checks[g_count++] = Entry{name, check};
    return true;
}

int runAll() {
    int failed = 0;
    for (int i = 0; i < g_count; i++) {
        bool ok = g_checks[i].check();
        lib::kprintf("selftest: %s ... %s\n", g_checks[i].name, ok ? "PASS" : "FAIL");
        failed += ok ? 0 : 1;
    }
    lib::kprintf("selftest: %d passed, %d failed\n", g_count - failed, failed);
    return failed;
}

}  // namespace selftest
