// lib/SelfTest: the registry of in-guest checks the `selftest` shell command runs. Drivers
// register a check with selftest::add(name, fn) during init; fn returns true on success and
// may print details. runAll() runs them in registration order and prints one line per check,
// "selftest: NAME ... PASS" or "... FAIL", then "selftest: P passed, F failed". At most
// kMaxChecks checks; more are ignored (add() returns false).
#pragma once

namespace selftest {

using Check = bool (*)();
constexpr int kMaxChecks = 32;

bool add(const char* name, Check check);
// Returns the number of failed checks.
int runAll();

}  // namespace selftest
