// tests/TestMain: runs every registered host test; prints one line per failure and a summary.
#include "tests/Test.h"

namespace test {

namespace {
Case* g_first = nullptr;
Case* g_last = nullptr;
int g_failures = 0;
const char* g_current = "";
}  // namespace

void add(Case* c) {
    if (g_last == nullptr) {
        g_first = c;
    } else {
        g_last->next = c;
    }
    g_last = c;
}

void fail(const char* file, int line, const char* what) {
    std::fprintf(stderr, "FAIL %s (%s:%d): %s\n", g_current, file, line, what);
    g_failures++;
}

}  // namespace test

int main() {
    int count = 0;
    for (test::Case* c = test::g_first; c != nullptr; c = c->next) {
        test::g_current = c->name;
        c->run();
        count++;
    }
    std::printf("jefeos host tests: %d run, %d failure(s)\n", count, test::g_failures);
    return test::g_failures == 0 ? 0 : 1;
}
