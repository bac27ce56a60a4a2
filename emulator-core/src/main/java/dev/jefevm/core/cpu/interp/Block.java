package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.decode.Instruction;

/**
 * A decoded basic block: instructions that start at one physical address and run in order,
 * ending at a control transfer, a SYSTEM-family instruction or the end of a page (never spanning
 * two pages). It is valid while its page's generation is unchanged.
 *
 * <p>Block chaining: a cached block remembers the last two blocks that ran right after it, each
 * with the linear RIP it was reached at and a key for the fetch translation of that moment (the
 * {@link dev.jefevm.core.cpu.mmu.Mmu#epoch() MMU epoch} and the CPL), so the loop can skip the
 * fetch translation and the cache lookup when control goes the same way again.
 */
final class Block {

    final long physStart;
    final int generation;
    final Instruction[] instructions;
    /** Each instruction's {@link FastPath} form, chosen once when the block is built. */
    final int[] forms;
    /** True once the block is in the cache and may be linked from: it ends in no SYSTEM instruction (which may change CPL or paging). */
    boolean linkable;

    private Block next0, next1;
    private long nextRip0, nextRip1;
    private int nextKey0, nextKey1;

    Block(long physStart, int generation, Instruction[] instructions) {
        this.physStart = physStart;
        this.generation = generation;
        this.instructions = instructions;
        this.forms = new int[instructions.length];
        for (int i = 0; i < instructions.length; i++) {
            forms[i] = FastPath.classify(instructions[i]);
        }
    }

    /** The block linked for {@code rip} under translation key {@code key}, or null (the caller still checks its generation). */
    Block successor(long rip, int key) {
        if (nextRip0 == rip && nextKey0 == key) {
            return next0;
        }
        if (nextRip1 == rip && nextKey1 == key) {
            return next1;
        }
        return null;
    }

    /** Links {@code next}, reached at {@code rip} under translation key {@code key}; the older of the two links gives way. */
    void link(long rip, int key, Block next) {
        next1 = next0;
        nextRip1 = nextRip0;
        nextKey1 = nextKey0;
        next0 = next;
        nextRip0 = rip;
        nextKey0 = key;
    }
}
