package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.decode.Instruction;

/**
 * A decoded basic block: instructions that start at one physical address and run in order,
 * ending at a control transfer, a SYSTEM-family instruction or the end of a page (never spanning
 * two pages). It is valid while its page's generation is unchanged.
 */
final class Block {

    final long physStart;
    final int generation;
    final Instruction[] instructions;

    Block(long physStart, int generation, Instruction[] instructions) {
        this.physStart = physStart;
        this.generation = generation;
        this.instructions = instructions;
    }
}
