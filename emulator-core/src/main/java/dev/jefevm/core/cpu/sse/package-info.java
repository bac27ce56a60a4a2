/**
 * SSE and SSE2 execution (SDM Vol.1 chapters 10-11): {@link dev.jefevm.core.cpu.sse.SseExecutor}
 * gates on CR0/CR4 and dispatches to one class per family (moves, packed integer, shifts,
 * shuffles, float arithmetic, compares, conversions, MXCSR/FXSAVE state). Floating point follows
 * x86 rather than Java: MXCSR rounding, DAZ/FTZ, exception flags and NaN rules, checked bit for
 * bit against the host CPU by the tests' recorded vectors.
 */
package dev.jefevm.core.cpu.sse;
