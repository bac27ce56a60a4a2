package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.decode.Instruction;

/**
 * The guest code of one unit: instructions decoded from one page, reachable from the entry by
 * fall-through and by taken JMP/Jcc targets inside the page, in address order. Per instruction:
 * the index of its fall-through and branch-target successors in the trace (-1: the unit exits
 * there), whether it is a join point (a branch target or the entry: it gets a label and
 * canonical state), and whether the arithmetic flags are live on entry to it.
 */
final class Trace {

    final long linearStart;
    final long physStart;
    final Instruction[] insns;
    final long[] rips;
    final int entry;
    final int[] next;
    final int[] target;
    final boolean[] joinPoint;
    final boolean[] flagsLiveIn;

    Trace(long linearStart, long physStart, Instruction[] insns, long[] rips, int entry, int[] next, int[] target,
            boolean[] joinPoint) {
        this.linearStart = linearStart;
        this.physStart = physStart;
        this.insns = insns;
        this.rips = rips;
        this.entry = entry;
        this.next = next;
        this.target = target;
        this.joinPoint = joinPoint;
        this.flagsLiveIn = FlagLiveness.liveIn(this);
    }

    int size() {
        return insns.length;
    }

    /** True if control may go on to the next instruction in address order (no unconditional transfer). */
    boolean fallsThrough(int i) {
        return switch (insns[i].op) {
            case JMP, CALL, RET, JMP_INDIRECT, CALL_INDIRECT -> false;
            default -> !endsWithExit(i);
        };
    }

    /** True if the instruction is run by an executor call after which RIP is dynamic (the unit leaves). */
    boolean endsWithExit(int i) {
        Instruction insn = insns[i];
        return !NativeSupport.isNative(insn, rips[i]) && dev.jefevm.core.cpu.interp.FastPath.endsBlock(insn);
    }
}
