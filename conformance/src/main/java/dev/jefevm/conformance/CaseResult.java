package dev.jefevm.conformance;

/**
 * How a case ended on one side (host oracle or JefeVM), with the final user-visible state.
 *
 * @param outcome      completed, exception, timeout, or not comparable
 * @param vector       the exception vector when {@code outcome} is {@link Outcome#EXCEPTION}
 * @param errorCode    its error code (meaningful for #GP, #PF and the like)
 * @param faultAddress CR2 for #PF
 * @param gpr          RAX..R15
 * @param rip          the end of the sequence, or the faulting instruction (after INT3: the next one)
 * @param rflags       final RFLAGS
 * @param mxcsr        final MXCSR
 * @param xmm          XMM0-15 as (low, high) pairs
 * @param x87          final x87 state
 * @param changedOffsets data-area offsets whose byte differs from the initial image, ascending
 * @param changedValues  the new byte at each of those offsets
 * @param detail       why the case is not comparable or timed out, else empty
 */
public record CaseResult(Outcome outcome, int vector, long errorCode, long faultAddress, long[] gpr, long rip,
                         long rflags, int mxcsr, long[] xmm, X87State x87, int[] changedOffsets,
                         byte[] changedValues, String detail) {

    /** How a case ended. */
    public enum Outcome { COMPLETED, EXCEPTION, TIMEOUT, NOT_COMPARABLE }

    /** A result that carries only a reason: the harness could not run the case. */
    public static CaseResult notComparable(String reason) {
        return new CaseResult(Outcome.NOT_COMPARABLE, 0, 0, 0, new long[16], 0, 0, 0, new long[32],
                X87State.initial(), new int[0], new byte[0], reason);
    }

    /** The state as text for a failure message. */
    public String describe() {
        StringBuilder b = new StringBuilder(outcome.toString());
        if (outcome == Outcome.EXCEPTION) {
            b.append(String.format(" vector %d error %x cr2 %x", vector, errorCode, faultAddress));
        }
        if (!detail.isEmpty()) {
            b.append(" (").append(detail).append(')');
        }
        b.append(String.format(" rip=%x rflags=%x mxcsr=%x%n    ", rip, rflags, mxcsr)).append(StateText.gprs(gpr))
                .append("\n    ").append(StateText.xmms(xmm));
        b.append(String.format("%n    fcw=%x fsw=%x ftw=%x", x87.control(), x87.status(), x87.abridgedTags()));
        for (int i = 0; i < 8; i++) {
            b.append(" st").append(i).append('=').append(x87.register(i));
        }
        b.append("\n    memory written:");
        for (int i = 0; i < changedOffsets.length && i < 32; i++) {
            b.append(String.format(" +%x=%02x", changedOffsets[i], changedValues[i] & 0xFF));
        }
        return b.toString();
    }
}
