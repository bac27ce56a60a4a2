/**
 * The one x86_64 decoder shared by every executor: {@link dev.jefevm.core.cpu.decode.Decoder}
 * turns bytes into immutable {@link dev.jefevm.core.cpu.decode.Instruction}s using the rows of an
 * {@link dev.jefevm.core.cpu.decode.OpcodeTable} (integer and system rows in
 * {@code BaseOpcodeMap}, SSE rows in {@link dev.jefevm.core.cpu.decode.SseOpcodeMap}).
 */
package dev.jefevm.core.cpu.decode;
