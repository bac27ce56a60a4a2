package dev.jefevm.conformance;

/**
 * The x87 state a case starts with or ends in, in the form FXSAVE stores it (SDM Vol.1 10.5.1):
 * control word, status word, abridged tag word (one bit per physical register, 1 = valid) and
 * the eight registers in stack order, ST(0) first, each a 64-bit significand and a 16-bit
 * sign+exponent.
 */
public record X87State(int control, int status, int abridgedTags, long[] mantissa, int[] exponent) {

    /** The state after FNINIT: control 0x037F, empty stack. */
    public static X87State initial() {
        return new X87State(0x037F, 0, 0, new long[8], new int[8]);
    }

    /** TOP, the physical register number of ST(0) (status word bits 13:11). */
    public int top() {
        return (status >>> 11) & 7;
    }

    /** ST(i) as 20 hex digits: sign+exponent, then significand. */
    public String register(int i) {
        return String.format("%04x_%016x", exponent[i] & 0xFFFF, mantissa[i]);
    }
}
