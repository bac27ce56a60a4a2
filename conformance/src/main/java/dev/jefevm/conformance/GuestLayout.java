package dev.jefevm.conformance;

/**
 * The fixed virtual addresses both sides of a differential case use: one code page, a 64 KiB
 * data area and one read-only zero page, with nothing mapped around them (the native oracle in {@code src/main/c/oracle.c}
 * uses the same numbers). Memory operands and RSP point into the data area, so a stray access
 * past either end is a #PF on the host and in JefeVM alike.
 */
public final class GuestLayout {

    public static final long CODE_BASE = 0x1000_0000L;
    public static final int CODE_SIZE = 0x1000;
    public static final long DATA_BASE = 0x2000_0000L;
    public static final int DATA_SIZE = 0x1_0000;
    /** The longest instruction sequence a case may carry (the oracle's request limit). */
    public static final int MAX_CODE = 256;
    /** Where RSP points at the start of a case unless the case says otherwise: the middle of the data area. */
    public static final long DEFAULT_RSP = DATA_BASE + DATA_SIZE / 2;
    /** One user page mapped read-only and filled with zeros: a write to it is a #PF with error code P|W|U. */
    public static final long READ_ONLY_BASE = 0x3000_0000L;

    private GuestLayout() {
    }
}
