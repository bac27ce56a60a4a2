package dev.jefevm.conformance;

import java.util.HexFormat;
import java.util.List;

/**
 * One differential test case: an instruction sequence and the user-level state it starts from.
 * The sequence runs at {@link GuestLayout#CODE_BASE}; it ends after its last byte (each side
 * appends its own way back to the harness) or at the first exception.
 *
 * @param family         the instruction family the case belongs to (a report row)
 * @param description    a human hint of what the bytes are, e.g. {@code "adc r32, [mem]"}
 * @param code           the instruction bytes
 * @param gpr            RAX..R15 in SDM encoding order
 * @param rflags         initial RFLAGS; only the arithmetic flags and DF are used
 * @param mxcsr          initial MXCSR
 * @param xmm            XMM0-15 as (low, high) pairs, 32 longs
 * @param x87            initial x87 state
 * @param dataSeed       seed of the data area's contents ({@link DataImage})
 * @param patches        bytes written over the seeded data area
 * @param undefinedFlags RFLAGS bits the last flag-writing instruction leaves undefined ({@link UndefinedFlags})
 * @param undefinedFpuStatus x87 status word bits left undefined (C0-C3 after most x87 operations)
 * @param excludedGprs   GPRs (bit i for register i, SDM encoding order) whose final values are not
 *                       compared, because host and JefeVM legitimately differ there (a time stamp,
 *                       a CPUID answer); 0 for the usual case
 * @param exclusionReason why {@code excludedGprs} are not compared (the report's "not comparable" reason)
 */
public record CpuCase(Family family, String description, byte[] code, long[] gpr, long rflags, int mxcsr,
                      long[] xmm, X87State x87, long dataSeed, List<Patch> patches,
                      long undefinedFlags, int undefinedFpuStatus, int excludedGprs, String exclusionReason) {

    /** Bytes placed at {@code offset} into the data area before the case runs. */
    public record Patch(int offset, byte[] bytes) {
    }

    public CpuCase {
        if (code.length > GuestLayout.MAX_CODE || gpr.length != 16 || xmm.length != 32) {
            throw new IllegalArgumentException("malformed case " + description);
        }
    }

    /** A case whose every register is compared. */
    public CpuCase(Family family, String description, byte[] code, long[] gpr, long rflags, int mxcsr, long[] xmm,
                   X87State x87, long dataSeed, List<Patch> patches, long undefinedFlags, int undefinedFpuStatus) {
        this(family, description, code, gpr, rflags, mxcsr, xmm, x87, dataSeed, patches, undefinedFlags,
                undefinedFpuStatus, 0, "");
    }

    /** True when GPR {@code i} (SDM encoding order) takes part in the comparison. */
    public boolean comparesGpr(int i) {
        return (excludedGprs >>> i & 1) == 0;
    }

    /** The case as text for a failure message: bytes, hint, and every initial register. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(family.title).append(": ").append(description).append("\n  bytes ")
                .append(HexFormat.ofDelimiter(" ").formatHex(code)).append('\n');
        b.append("  initial ").append(StateText.gprs(gpr)).append(String.format(" rflags=%x mxcsr=%x%n", rflags, mxcsr));
        b.append("  ").append(StateText.xmms(xmm)).append('\n');
        b.append(String.format("  dataSeed=%x", dataSeed));
        for (Patch p : patches) {
            b.append(String.format(" patch[+%x]=%s", p.offset(), HexFormat.of().formatHex(p.bytes())));
        }
        if (excludedGprs != 0) {
            b.append(String.format("%n  not compared: GPR mask %x (%s)", excludedGprs, exclusionReason));
        }
        return b.toString();
    }
}
