package dev.jefevm.devices.acpi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Writes AML byte code (ACPI 6.5 chapter 20, "ACPI Machine Language Specification") for the
 * board's DSDT: the named-object and namespace-modifier terms (Name, Scope, Device, Method,
 * OperationRegion, Field, CreateWordField), the statements a link device needs (If, Return,
 * Store, Decrement, FindSetRightBit) and, through {@link Aml}, the data objects and
 * expressions they take. Each construct that carries a PkgLength (20.2.4) gets its body from a
 * callback writing into a nested builder, so lengths are always exact. This encoder knows only
 * the terms the board uses; it is not an ASL compiler.
 */
public final class AmlBuilder {

    /** A piece of AML that writes itself into a builder: a data object or an expression. */
    @FunctionalInterface
    public interface Term {
        void emit(AmlBuilder to);
    }

    // ACPI 6.5 20.3: opcodes.
    static final int NAME_OP = 0x08, SCOPE_OP = 0x10, BUFFER_OP = 0x11, PACKAGE_OP = 0x12, METHOD_OP = 0x14,
            STORE_OP = 0x70, DECREMENT_OP = 0x76, FIND_SET_RIGHT_BIT_OP = 0x82, CREATE_WORD_FIELD_OP = 0x8B,
            IF_OP = 0xA0, RETURN_OP = 0xA4, EXT_OP_PREFIX = 0x5B, OP_REGION_OP = 0x80, FIELD_OP = 0x81,
            DEVICE_OP = 0x82;
    static final int ROOT_CHAR = '\\', PARENT_PREFIX_CHAR = '^', DUAL_NAME_PREFIX = 0x2E, MULTI_NAME_PREFIX = 0x2F;

    /** OperationRegion space (ACPI 6.5 19.6.100, table 19.31): PCI configuration space. */
    public static final int REGION_PCI_CONFIG = 0x02;
    /** FieldFlags (20.2.5.2): AccessType ByteAcc, LockRule NoLock, UpdateRule Preserve. */
    public static final int FIELD_BYTE_ACC_NO_LOCK_PRESERVE = 0x01;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The AML written so far. */
    public byte[] toBytes() {
        return out.toByteArray();
    }

    /** Appends raw bytes (operands already encoded). */
    public AmlBuilder bytes(byte... bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** Appends one byte. */
    public AmlBuilder op(int opcode) {
        out.write(opcode);
        return this;
    }

    /** Appends {@code term}. */
    public AmlBuilder term(Term term) {
        term.emit(this);
        return this;
    }

    /** {@code Name(name, value)}: NameOp NameString DataRefObject (20.2.5.1). */
    public AmlBuilder name(String name, Term value) {
        op(NAME_OP).bytes(nameString(name));
        return term(value);
    }

    /** {@code Scope(name) { body }}: ScopeOp PkgLength NameString TermList (20.2.5.1). */
    public AmlBuilder scope(String name, Consumer<AmlBuilder> body) {
        return withLength(new int[] {SCOPE_OP}, nameString(name), body);
    }

    /** {@code Device(name) { body }}: ExtOpPrefix DeviceOp PkgLength NameString TermList (20.2.5.2). */
    public AmlBuilder device(String name, Consumer<AmlBuilder> body) {
        return withLength(new int[] {EXT_OP_PREFIX, DEVICE_OP}, nameString(name), body);
    }

    /**
     * {@code Method(name, argCount, NotSerialized) { body }}: MethodOp PkgLength NameString
     * MethodFlags TermList (20.2.5.2); MethodFlags bits 2:0 are ArgCount, SyncLevel 0.
     */
    public AmlBuilder method(String name, int argCount, Consumer<AmlBuilder> body) {
        if (argCount < 0 || argCount > 7) {
            throw new IllegalArgumentException("a method takes 0 to 7 arguments, not " + argCount);
        }
        byte[] nameAndFlags = concat(nameString(name), new byte[] {(byte) argCount});
        return withLength(new int[] {METHOD_OP}, nameAndFlags, body);
    }

    /** {@code If(predicate) { body }}: IfOp PkgLength Predicate TermList (20.2.5.3). */
    public AmlBuilder ifThen(Term predicate, Consumer<AmlBuilder> body) {
        AmlBuilder predicateBytes = new AmlBuilder().term(predicate);
        return withLength(new int[] {IF_OP}, predicateBytes.toBytes(), body);
    }

    /** {@code Return(value)}: ReturnOp ArgObject (20.2.5.3). */
    public AmlBuilder returnValue(Term value) {
        return op(RETURN_OP).term(value);
    }

    /** {@code Store(source, target)}: StoreOp TermArg SuperName (20.2.5.4). */
    public AmlBuilder store(Term source, Term target) {
        return op(STORE_OP).term(source).term(target);
    }

    /** {@code Decrement(target)}: DecrementOp SuperName (20.2.5.4). */
    public AmlBuilder decrement(Term target) {
        return op(DECREMENT_OP).term(target);
    }

    /** {@code FindSetRightBit(source, target)}: 1-based index of the lowest set bit, 0 if none (19.6.50). */
    public AmlBuilder findSetRightBit(Term source, Term target) {
        return op(FIND_SET_RIGHT_BIT_OP).term(source).term(target);
    }

    /** {@code CreateWordField(buffer, byteIndex, name)} (20.2.5.2). */
    public AmlBuilder createWordField(Term buffer, int byteIndex, String name) {
        op(CREATE_WORD_FIELD_OP).term(buffer).term(Aml.integer(byteIndex));
        return bytes(nameString(name));
    }

    /**
     * {@code OperationRegion(name, space, offset, length)}: ExtOpPrefix OpRegionOp NameString
     * RegionSpace RegionOffset RegionLen (20.2.5.2).
     */
    public AmlBuilder operationRegion(String name, int space, long offset, long length) {
        op(EXT_OP_PREFIX).op(OP_REGION_OP).bytes(nameString(name)).op(space);
        return term(Aml.integer(offset)).term(Aml.integer(length));
    }

    /**
     * {@code Field(region, flags) { name, bits, ... }}: ExtOpPrefix FieldOp PkgLength NameString
     * FieldFlags FieldList (20.2.5.2), each NamedField a NameSeg and its bit width encoded as a PkgLength.
     */
    public AmlBuilder field(String region, int flags, String[] names, int[] bitWidths) {
        return withLength(new int[] {EXT_OP_PREFIX, FIELD_OP}, concat(nameString(region), new byte[] {(byte) flags}),
                list -> {
                    for (int i = 0; i < names.length; i++) {
                        list.bytes(nameSeg(names[i])).bytes(fieldWidth(bitWidths[i]));
                    }
                });
    }

    // Opcode(s), PkgLength, then head bytes and the body; PkgLength counts itself (20.2.4).
    private AmlBuilder withLength(int[] opcodes, byte[] head, Consumer<AmlBuilder> body) {
        AmlBuilder inner = new AmlBuilder().bytes(head);
        body.accept(inner);
        byte[] content = inner.toBytes();
        for (int opcode : opcodes) {
            op(opcode);
        }
        return bytes(pkgLength(content.length)).bytes(content);
    }

    /**
     * PkgLength (ACPI 6.5 20.2.4) for {@code contentLength} bytes after it: the encoded value
     * counts the PkgLength bytes too. One byte holds up to 63 in bits 5:0; otherwise bits 7:6 of
     * the lead byte give the number of following bytes (1-3), its bits 3:0 the low nibble and
     * each following byte the next 8 bits, so up to 2^28 - 1.
     */
    public static byte[] pkgLength(int contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        for (int n = 1; n <= 4; n++) {
            if (contentLength + n <= maxEncodable(n)) {
                return encodeLength(contentLength + n, n);
            }
        }
        throw new IllegalArgumentException("AML package too long: " + contentLength + " bytes");
    }

    /** A NamedField's width (20.2.5.2): the PkgLength encoding of {@code bits} itself. */
    static byte[] fieldWidth(int bits) {
        for (int n = 1; n <= 4; n++) {
            if (bits <= maxEncodable(n)) {
                return encodeLength(bits, n);
            }
        }
        throw new IllegalArgumentException("field too wide: " + bits + " bits");
    }

    private static int maxEncodable(int bytes) {
        return bytes == 1 ? 0x3F : (1 << (4 + 8 * (bytes - 1))) - 1;
    }

    private static byte[] encodeLength(int value, int bytes) {
        byte[] b = new byte[bytes];
        if (bytes == 1) {
            b[0] = (byte) value;
            return b;
        }
        b[0] = (byte) (((bytes - 1) << 6) | (value & 0x0F));
        for (int i = 1; i < bytes; i++) {
            b[i] = (byte) (value >>> (4 + 8 * (i - 1)));
        }
        return b;
    }

    /**
     * A NameString (20.2.2): an optional root {@code \} or parent {@code ^} prefixes, then
     * dot-separated NameSegs (padded with '_' to four characters), with DualNamePrefix or
     * MultiNamePrefix for more than one segment; {@code \} alone is the root (NullName).
     */
    public static byte[] nameString(String path) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int at = 0;
        if (path.startsWith("\\")) {
            b.write(ROOT_CHAR);
            at = 1;
        } else {
            while (at < path.length() && path.charAt(at) == '^') {
                b.write(PARENT_PREFIX_CHAR);
                at++;
            }
        }
        String rest = path.substring(at);
        if (rest.isEmpty()) {
            b.write(0x00); // NullName
            return b.toByteArray();
        }
        String[] segs = rest.split("\\.");
        if (segs.length == 2) {
            b.write(DUAL_NAME_PREFIX);
        } else if (segs.length > 2) {
            b.write(MULTI_NAME_PREFIX);
            b.write(segs.length);
        }
        for (String seg : segs) {
            b.writeBytes(nameSeg(seg));
        }
        return b.toByteArray();
    }

    /** A NameSeg (20.2.2): a lead character 'A'-'Z' or '_', then 'A'-'Z', '0'-'9' or '_', padded with '_'. */
    static byte[] nameSeg(String seg) {
        if (seg.isEmpty() || seg.length() > 4) {
            throw new IllegalArgumentException("bad NameSeg '" + seg + "'");
        }
        byte[] b = "____".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                throw new IllegalArgumentException("bad NameSeg '" + seg + "'");
            }
            b[i] = (byte) c;
        }
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
