// lib/SelfTest: the registry of in-guest checks the `selftest` shell command runs. Drivers
// register a check with selftest::add(name, fn) during init; fn returns true on success and
// may print details. A check that does not apply to this machine (an APIC check under
// `noapic`) calls skip(reason) and returns. runAll() runs them in registration order and
// prints one line per check, "selftest: NAME ... PASS", "... FAIL" or "... SKIP (reason)",
// then "selftest: P passed, F failed" (and ", S skipped" when any were). At most kMaxChecks
// checks; more are ignored (add() returns false).
#pragma once

namespace selftest {

using Check = bool (*)();
constexpr int kMaxChecks = 32;

bool add(const char* name, Check check);
// Called by a running check: it does not apply here, for `reason`; its result is ignored.
void skip(const char* reason);
// Returns the number of failed checks.
int runAll();

}  // namespace selftest
