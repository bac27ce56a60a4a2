package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.GuestLayout;
import dev.jefevm.conformance.X87State;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * MMX and the MMX forms of SSE/SSSE3 (SDM Vol.2 Appendix A.3, no-prefix 0F, 0F38 and 0F3A rows),
 * plus the MMX-XMM transfers, on an x87 register file with a random TOP, random tags and random
 * exponents: the harness compares ST0-7 in stack order, the tag word and TOP, so it checks that
 * every MMX instruction but EMMS sets TOP = 0, tags all valid and exponent 0xFFFF on the register
 * it writes (SDM Vol.1 9.5.1), and that EMMS empties the tags.
 */
@AddLifecycleHook(DifferentialSupport.class)
class MmxProperties {

    /**
     * prefix+opcode hex, then flags: i = imm8, m = memory only, r = register only, g = r/m is a
     * GPR, G = reg is a GPR, x = reg is an XMM register, X = r/m is an XMM register, n = no ModRM,
     * D = stores through RDI (MASKMOVQ).
     */
    private static final String[] MMX = {
        "0f60", "0f61", "0f62", "0f63", "0f64", "0f65", "0f66", "0f67", "0f68", "0f69", "0f6a", "0f6b",
        "0f6e g", "0f6f", "0f7e g", "0f7f", "0f70 i", "0f71/2 ri", "0f71/4 ri", "0f71/6 ri", "0f72/2 ri",
        "0f72/4 ri", "0f72/6 ri", "0f73/2 ri", "0f73/6 ri", "0f74", "0f75", "0f76", "0f77 n",
        "0fd1", "0fd2", "0fd3", "0fd4", "0fd5", "0fd7 rG", "0fd8", "0fd9", "0fda", "0fdb", "0fdc", "0fdd", "0fde",
        "0fdf", "0fe0", "0fe1", "0fe2", "0fe3", "0fe4", "0fe5", "0fe7 m", "0fe8", "0fe9", "0fea", "0feb", "0fec",
        "0fed", "0fee", "0fef", "0ff1", "0ff2", "0ff3", "0ff4", "0ff5", "0ff6", "0ff7 rD", "0ff8", "0ff9", "0ffa",
        "0ffb", "0ffc", "0ffd", "0ffe", "0fc4 gi", "0fc5 rGi",
        "0f3800", "0f3801", "0f3802", "0f3803", "0f3804", "0f3805", "0f3806", "0f3807", "0f3808", "0f3809",
        "0f380a", "0f380b", "0f381c", "0f381d", "0f381e", "0f3a0f i",
        "0f2a x", "660f2a x", "0f2d X", "0f2c X", "660f2d X", "660f2c X", "f30fd6 rx", "f20fd6 rX"};

    @Property(shrinking = ShrinkingMode.OFF)
    void mmx_matchesHost(@ForAll("mmx") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> mmx() {
        return DifferentialSupport.replayable(MmxProperties::mmxCase);
    }

    private static CpuCase mmxCase(Random r) {
        Case c = new Case(r, Family.MMX);
        for (int i = 0; i < 32; i++) {
            c.xmm[i] = VectorProperties.lane64(r);
        }
        c.mxcsr = (r.nextInt(4) << 13) | (r.nextInt(6) == 0 ? r.nextInt(0x40) << 7 : 0x1F80) | (r.nextInt(8) == 0 ? 0x40 : 0);
        c.x87 = randomRegisterFile(r);
        String entry = MMX[r.nextInt(MMX.length)];
        String[] parts = entry.split(" ");
        String flags = parts.length > 1 ? parts[1] : "";
        String op = parts[0];
        int ext = -1;
        if (op.contains("/")) {
            ext = op.charAt(op.length() - 1) - '0';
            op = op.substring(0, op.indexOf('/'));
        }
        byte[] bytes = HexFormat.of().parseHex(op);
        int prefixEnd = (bytes[0] & 0xFF) == 0x66 || (bytes[0] & 0xFF) == 0xF2 || (bytes[0] & 0xFF) == 0xF3 ? 1 : 0;
        for (int i = 0; i < prefixEnd; i++) {
            c.bytes(bytes[i] & 0xFF);
        }
        if (flags.contains("n")) {
            for (int i = prefixEnd; i < bytes.length; i++) {
                c.bytes(bytes[i] & 0xFF);
            }
            return c.describe(entry).build();
        }
        boolean memory = flags.contains("m") || (!flags.contains("r") && r.nextInt(3) == 0);
        // MMX register numbers ignore REX.R/REX.B (SDM Vol.2 2.2.1.2), so those bits are random there
        int reg = ext >= 0 ? ext : r.nextInt(flags.contains("G") || flags.contains("x") ? 16 : 8);
        int rmReg = r.nextInt(flags.contains("g") || flags.contains("X") ? 16 : 8);
        Encoder.Rm rm;
        if (memory) {
            int offset = Encoder.MEMORY_OFFSET + 16 * r.nextInt(4) + (r.nextInt(6) == 0 ? 1 + r.nextInt(15) : 0);
            fillData(c, r);
            rm = Encoder.memory(c, Encoder.baseRegister(c, flags.contains("G") ? reg : -1), offset);
        } else {
            rm = Encoder.register(rmReg);
        }
        if (flags.contains("D")) {
            fillData(c, r);
            c.gpr[7] = GuestLayout.DATA_BASE + Encoder.MEMORY_OFFSET + r.nextInt(64);
        }
        boolean mmReg = !flags.contains("G") && !flags.contains("x");
        boolean mmRm = memory || (!flags.contains("g") && !flags.contains("X"));
        int rex = (r.nextInt(4) == 0 ? 8 : 0)
                | (ext < 0 && ((reg & 8) != 0 || (mmReg && r.nextInt(8) == 0)) ? 4 : 0)
                | ((rm.reg() & 8) != 0 || (!memory && mmRm && r.nextInt(8) == 0) ? 1 : 0);
        if (rex != 0) {
            c.bytes(0x40 | rex);
        }
        for (int i = prefixEnd; i < bytes.length; i++) {
            c.bytes(bytes[i] & 0xFF);
        }
        Encoder.modrm(c, reg, rm);
        if (flags.contains("i")) {
            c.bytes(r.nextInt(256));
        }
        return c.describe(entry + (memory ? " mem" : " reg") + String.format(" rex=%x mxcsr=%x", rex, c.mxcsr)).build();
    }

    private static void fillData(Case c, Random r) {
        for (int i = 0; i < 8; i++) {
            c.poke(Encoder.MEMORY_OFFSET + 8 * i, r.nextInt(3) == 0 ? VectorProperties.lane64(r) : Values.edge(r, 8), 8);
        }
    }

    /** A random TOP, tag word, condition codes and registers (some with MMX's 0xFFFF exponent, some not). */
    private static X87State randomRegisterFile(Random r) {
        long[] mantissa = new long[8];
        int[] exponent = new int[8];
        for (int i = 0; i < 8; i++) {
            mantissa[i] = r.nextBoolean() ? Values.edge(r, 8) : r.nextLong();
            exponent[i] = switch (r.nextInt(3)) {
                case 0 -> 0xFFFF;
                case 1 -> 0x3FFF;
                default -> r.nextInt(0x10000);
            };
        }
        int status = r.nextInt(8) << 11 | (r.nextInt(16) == 0 ? 0 : r.nextInt(8) << 8 | (r.nextBoolean() ? 0x4000 : 0));
        int tags = switch (r.nextInt(3)) {
            case 0 -> 0;
            case 1 -> 0xFF;
            default -> r.nextInt(256);
        };
        return new X87State(0x037F, status, tags, mantissa, exponent);
    }
}
