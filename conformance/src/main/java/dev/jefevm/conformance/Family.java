package dev.jefevm.conformance;

/**
 * The instruction families of the differential suite: one report row each. A family marked
 * complete must show zero mismatches (its tests fail otherwise); the others run and report
 * their mismatches without failing, until the lead flips them here.
 */
public enum Family {
    INTEGER_ALU("integer ALU", true),
    SHIFT_ROTATE("shifts and rotates", true),
    MUL_DIV("multiply and divide", true),
    BITS("bit operations", true),
    DATA_MOVEMENT("data movement", true),
    STRINGS("string operations", true),
    FLAG_OPS("flag operations", true),
    CONTROL_FLOW("control flow", true),
    SSE_SSE2("SSE/SSE2", true),
    SSE3_SSE42("SSE3/SSSE3/SSE4.1/SSE4.2", true),
    BMI_ADX_CRC32("BMI1/BMI2/ADX/CRC32", true),
    X87("x87", true),
    MMX("MMX", true),
    SYSTEM("system instructions at CPL 3", true);

    /** The name in the report. */
    public final String title;
    /** True when every mismatch is a test failure. */
    public final boolean complete;

    Family(String title, boolean complete) {
        this.title = title;
        this.complete = complete;
    }
}
