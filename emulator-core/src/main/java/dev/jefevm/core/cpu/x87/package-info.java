/**
 * The x87 floating-point unit (SDM Vol.1 chapter 8): double-extended arithmetic on integers
 * ({@link dev.jefevm.core.cpu.x87.Extended80}), memory-format conversions, the register stack and
 * status/control words, transcendental functions, the environment images, and the executor the
 * interpreter dispatches {@code Op.Family.X87} to. Where the SDM leaves behaviour to the
 * implementation (partial remainders, out-of-domain transcendental arguments, exception
 * priorities), the behaviour of the processor the host-oracle vectors were recorded on is followed.
 */
package dev.jefevm.core.cpu.x87;
