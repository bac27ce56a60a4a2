/**
 * The interpreter back end: the execution loop with its physical-address block cache
 * ({@link dev.jefevm.core.cpu.interp.Interpreter}), and the executor for INTEGER-family
 * instructions ({@link dev.jefevm.core.cpu.interp.IntegerExecutor}) with one small handler class
 * per instruction group (ALU, shifts, bits, moves, stack, branches, strings).
 */
package dev.jefevm.core.cpu.interp;
