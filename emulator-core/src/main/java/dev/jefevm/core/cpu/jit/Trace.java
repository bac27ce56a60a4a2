package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import java.util.List;

/**
 * The guest code of one unit, in segments. The first is decoded from the entry's page: the
 * instructions reachable from the entry by fall-through and by taken JMP/Jcc targets inside the
 * page, in address order. Each further segment is the body of a leaf function called from the
 * first one (a CALL rel, or a CALL through a pointer to the one target its profile shows), decoded
 * from the callee's page the same way and inlined for that call site alone: the CALL pushes the
 * return address and jumps into it (a CALL through a pointer checks the target first), and its RET
 * pops the return address and, if it is that call's, goes on after the call in the trace.
 *
 * <p>Per instruction: the index of its fall-through successor (-1: the unit exits there; always
 * the next index inside a segment) and of its branch target in the trace (JMP/Jcc: the target;
 * an inlined call: the callee's first instruction; an inlined RET: the instruction after its
 * call, or -1 if that is not in the trace), whether a call or RET is inlined and what it expects
 * (the call's profiled target, the RET's return address), the end of its segment, whether it is a
 * join point (a branch target or the entry: it gets a label and canonical state), and whether the
 * arithmetic flags are live on entry to it.
 */
final class Trace {

    final long linearStart;
    final long physStart;
    final Instruction[] insns;
    final long[] rips;
    final int entry;
    final int[] next;
    final int[] target;
    final boolean[] inlined;
    final long[] expected;
    final int[] segmentEnd;
    final boolean[] joinPoint;
    final boolean[] flagsLiveIn;
    /** The code pages the trace was decoded from, the entry's first. */
    final List<CodeSnapshot.Page> pages;

    Trace(long linearStart, long physStart, Instruction[] insns, long[] rips, int entry, int[] next, int[] target,
            boolean[] inlined, long[] expected, int[] segmentEnd, boolean[] joinPoint, List<CodeSnapshot.Page> pages) {
        this.linearStart = linearStart;
        this.physStart = physStart;
        this.insns = insns;
        this.rips = rips;
        this.entry = entry;
        this.next = next;
        this.target = target;
        this.inlined = inlined;
        this.expected = expected;
        this.segmentEnd = segmentEnd;
        this.joinPoint = joinPoint;
        this.pages = pages;
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

    /** True if the trace holds the code of a callee. */
    boolean inlinesCalls() {
        for (int i = 0; i < insns.length; i++) {
            if (inlined[i] && (insns[i].op == Op.CALL || insns[i].op == Op.CALL_INDIRECT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for a JMP/Jcc back to itself or an earlier instruction of the trace: a loop's back
     * edge, where the unit checks its instruction budget (a RET back into its caller's segment
     * is not one: a callee runs once per call).
     */
    boolean backEdge(int i) {
        Op op = insns[i].op;
        return (op == Op.JMP || op == Op.JCC) && target[i] >= 0 && target[i] <= i;
    }
}
