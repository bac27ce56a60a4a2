package dev.jefevm.devices.acpi;

import java.nio.charset.StandardCharsets;

/**
 * The AML data objects and expressions the board's DSDT uses, as {@link AmlBuilder.Term}s
 * (ACPI 6.5 chapter 20): integers with the smallest encoding (ZeroOp, OneOp, OnesOp, or a
 * Byte/Word/DWord/QWord prefix, 20.2.3), strings, EISA IDs compressed to an integer
 * (19.3.4, EISAID), packages and buffers (20.2.5.4), name references, ArgN and LocalN, and the
 * operators And, Or, ShiftLeft and LNot (20.2.5.4).
 */
public final class Aml {

    static final int ZERO_OP = 0x00, ONE_OP = 0x01, ONES_OP = 0xFF, BYTE_PREFIX = 0x0A, WORD_PREFIX = 0x0B,
            DWORD_PREFIX = 0x0C, STRING_PREFIX = 0x0D, QWORD_PREFIX = 0x0E, LOCAL0_OP = 0x60, ARG0_OP = 0x68,
            SHIFT_LEFT_OP = 0x79, AND_OP = 0x7B, OR_OP = 0x7D, LNOT_OP = 0x92;

    private Aml() {
    }

    /** An integer constant in its shortest form; {@code -1} (all ones) is OnesOp. */
    public static AmlBuilder.Term integer(long value) {
        return b -> {
            if (value == 0) {
                b.op(ZERO_OP);
            } else if (value == 1) {
                b.op(ONE_OP);
            } else if (value == -1) {
                b.op(ONES_OP);
            } else if ((value & ~0xFFL) == 0) {
                b.op(BYTE_PREFIX).op((int) value);
            } else if ((value & ~0xFFFFL) == 0) {
                b.op(WORD_PREFIX).bytes(le(value, 2));
            } else if ((value & ~0xFFFF_FFFFL) == 0) {
                b.op(DWORD_PREFIX).bytes(le(value, 4));
            } else {
                b.op(QWORD_PREFIX).bytes(le(value, 8));
            }
        };
    }

    /** A String: StringPrefix, ASCII characters 0x01-0x7F, NullChar. */
    public static AmlBuilder.Term string(String s) {
        byte[] chars = s.getBytes(StandardCharsets.US_ASCII);
        for (byte c : chars) {
            if (c == 0) {
                throw new IllegalArgumentException("an AML string holds no NUL");
            }
        }
        return b -> b.op(STRING_PREFIX).bytes(chars).op(0);
    }

    /** {@code EISAID(id)} as its compressed integer. */
    public static AmlBuilder.Term eisaId(String id) {
        return integer(eisaIdValue(id));
    }

    /**
     * The compressed EISA ID (ACPI 6.5 19.3.4 and 6.1.5): three upper-case letters of five bits
     * each ('A' = 1) and four hex digits, stored as the bytes {@code c1<<2|c2>>3},
     * {@code c2<<5|c3}, digits 1-2, digits 3-4 and read back as a little-endian DWord, so
     * "PNP0A03" is 0x030AD041.
     */
    public static long eisaIdValue(String id) {
        if (id.length() != 7) {
            throw new IllegalArgumentException("an EISA ID is 3 letters and 4 hex digits, not '" + id + "'");
        }
        int[] c = new int[3];
        for (int i = 0; i < 3; i++) {
            char ch = id.charAt(i);
            if (ch < 'A' || ch > 'Z') {
                throw new IllegalArgumentException("bad EISA ID '" + id + "'");
            }
            c[i] = ch - 0x40;
        }
        int product = Integer.parseInt(id.substring(3), 16);
        int b0 = (c[0] << 2) | (c[1] >> 3);
        int b1 = ((c[1] & 7) << 5) | c[2];
        int b2 = product >> 8;
        int b3 = product & 0xFF;
        return (b0 | (b1 << 8) | (b2 << 16) | ((long) b3 << 24)) & 0xFFFF_FFFFL;
    }

    /** A reference to a named object (a NameString used as a term or package element). */
    public static AmlBuilder.Term name(String path) {
        byte[] encoded = AmlBuilder.nameString(path);
        return b -> b.bytes(encoded);
    }

    /** ArgN (0-6). */
    public static AmlBuilder.Term arg(int n) {
        return b -> b.op(ARG0_OP + n);
    }

    /** LocalN (0-7). */
    public static AmlBuilder.Term local(int n) {
        return b -> b.op(LOCAL0_OP + n);
    }

    /** The NullName target: the result is not stored. */
    public static AmlBuilder.Term noTarget() {
        return b -> b.op(0x00);
    }

    /** {@code Package() { elements }}: PackageOp PkgLength NumElements PackageElementList. */
    public static AmlBuilder.Term pkg(AmlBuilder.Term... elements) {
        if (elements.length > 255) {
            throw new IllegalArgumentException("a Package holds at most 255 elements");
        }
        return b -> {
            AmlBuilder inner = new AmlBuilder().op(elements.length);
            for (AmlBuilder.Term e : elements) {
                inner.term(e);
            }
            byte[] content = inner.toBytes();
            b.op(AmlBuilder.PACKAGE_OP).bytes(AmlBuilder.pkgLength(content.length)).bytes(content);
        };
    }

    /** {@code Buffer() { bytes }}: BufferOp PkgLength BufferSize ByteList. */
    public static AmlBuilder.Term buffer(byte[] bytes) {
        byte[] copy = bytes.clone();
        return b -> {
            AmlBuilder inner = new AmlBuilder().term(integer(copy.length)).bytes(copy);
            byte[] content = inner.toBytes();
            b.op(AmlBuilder.BUFFER_OP).bytes(AmlBuilder.pkgLength(content.length)).bytes(content);
        };
    }

    /** {@code And(a, b, target)}. */
    public static AmlBuilder.Term and(AmlBuilder.Term a, AmlBuilder.Term b, AmlBuilder.Term target) {
        return to -> to.op(AND_OP).term(a).term(b).term(target);
    }

    /** {@code Or(a, b, target)}. */
    public static AmlBuilder.Term or(AmlBuilder.Term a, AmlBuilder.Term b, AmlBuilder.Term target) {
        return to -> to.op(OR_OP).term(a).term(b).term(target);
    }

    /** {@code ShiftLeft(value, count, target)}. */
    public static AmlBuilder.Term shiftLeft(AmlBuilder.Term value, AmlBuilder.Term count, AmlBuilder.Term target) {
        return to -> to.op(SHIFT_LEFT_OP).term(value).term(count).term(target);
    }

    /** {@code LNot(value)}. */
    public static AmlBuilder.Term lNot(AmlBuilder.Term value) {
        return to -> to.op(LNOT_OP).term(value);
    }

    private static byte[] le(long value, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }
}
