package dev.jefevm.core.cpu.jit;

/**
 * Backward liveness of the arithmetic flags over a {@link Trace}: the flags are live on entry to
 * an instruction if it needs them ({@link NativeSupport#needsFlags}), or if it does not set all
 * of them and they are live after it. A unit exit counts as a use (the code outside may read
 * them), and so does a loop's back edge (it may exit at its budget check, {@link Trace#backEdge}).
 * Iterated to a fixed point because traces contain loops. A compiled unit stores the lazy flag
 * record into {@code CpuState} at a join point only when the flags are live there.
 */
final class FlagLiveness {

    private FlagLiveness() {
    }

    static boolean[] liveIn(Trace t) {
        int n = t.size();
        boolean[] live = new boolean[n];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                boolean in = NativeSupport.needsFlags(t.insns[i], t.rips[i])
                        || (!NativeSupport.killsFlags(t.insns[i]) && liveOut(t, i, live));
                if (in && !live[i]) {
                    live[i] = true;
                    changed = true;
                }
            }
        }
        return live;
    }

    private static boolean liveOut(Trace t, int i, boolean[] live) {
        boolean out = false;
        switch (t.insns[i].op) {
            case JMP -> out = t.backEdge(i) || succ(t.target[i], live);
            case JCC -> out = t.backEdge(i) || succ(t.target[i], live) || succ(t.next[i], live);
            // an inlined CALL rel only goes into its callee; a CALL through a pointer or a RET may
            // leave the unit when the target is not the expected one
            case CALL -> out = !t.inlined[i] || succ(t.target[i], live);
            case RET, JMP_INDIRECT, CALL_INDIRECT -> out = true;
            default -> out = t.endsWithExit(i) || succ(t.next[i], live);
        }
        return out;
    }

    private static boolean succ(int index, boolean[] live) {
        return index < 0 || live[index];
    }
}
