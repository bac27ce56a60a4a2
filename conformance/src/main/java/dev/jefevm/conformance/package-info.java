/**
 * Differential CPU tests against the host CPU, the user-mode ELF runner and external suites; arrives with the CPU-conformance issue.
 */
package dev.jefevm.conformance;
