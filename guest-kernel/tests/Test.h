// tests/Test: a minimal unit-test harness for the host build of JefeOS's pure code.
// TEST(name) { ... } registers a test; EXPECT_TRUE / EXPECT_EQ / EXPECT_STREQ record a
// failure with file and line and let the test go on. tests/TestMain.cpp runs them all and
// exits non-zero when any failed.
#pragma once

#include <cstdio>
#include <cstring>

namespace test {

struct Case {
    const char* name;
    void (*run)();
    Case* next;
};

void add(Case* c);
void fail(const char* file, int line, const char* what);

struct Registrar {
    explicit Registrar(Case* c) { add(c); }
};

}  // namespace test

#define TEST(name)                                                      \
    static void test_##name();                                          \
    static test::Case testCase_##name = {#name, test_##name, nullptr};  \
    static test::Registrar testRegistrar_##name(&testCase_##name);      \
    static void test_##name()

#define EXPECT_TRUE(cond)                                   \
    do {                                                    \
        if (!(cond)) test::fail(__FILE__, __LINE__, #cond); \
    } while (0)

#define EXPECT_EQ(expected, actual)                                                    \
    do {                                                                               \
        if (!((expected) == (actual))) test::fail(__FILE__, __LINE__, #expected " == " #actual); \
    } while (0)

#define EXPECT_STREQ(expected, actual)                                                         \
    do {                                                                                       \
        const char* e_ = (expected);                                                           \
        const char* a_ = (actual);                                                             \
        if (std::strcmp(e_, a_) != 0) {                                                        \
            std::fprintf(stderr, "  expected \"%s\"\n  actual   \"%s\"\n", e_, a_);          \
            test::fail(__FILE__, __LINE__, #expected " equals " #actual);                     \
        }                                                                                      \
    } while (0)
