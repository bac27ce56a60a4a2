package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.GuestLayout;
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
 * SSE/SSE2 and SSE3/SSSE3/SSE4.1/SSE4.2 from one encoding table (SDM Vol.2 Appendix A.3):
 * register and memory forms (16-byte aligned, sometimes not), special floating-point values
 * (zeros, infinities, NaNs, denormals) and random MXCSR rounding modes, FTZ/DAZ and masks (one
 * exception unmasked at a time too), string lengths in RAX/RDX from -20 to 20, MASKMOVDQU through
 * RDI, LDMXCSR of reserved bits and every imm8.
 * RCPPS/RCPSS/RSQRTPS/RSQRTSS are left out: their results are implementation-specific
 * approximations (SDM Vol.2 "RCPPS": relative error at most 1.5 * 2^-12).
 */
@AddLifecycleHook(DifferentialSupport.class)
class VectorProperties {

    /**
     * prefix+opcode hex, then flags: i = imm8, m = memory only, r = register only, g = r/m is a
     * GPR, G = reg is a GPR, D = stores through RDI.
     */
    private static final String[] SSE2 = {
        "0f28", "660f28", "0f10", "660f10", "f30f10", "f20f10", "0f11", "660f11", "f30f11", "f20f11",
        "660f6f", "f30f6f", "660f7f", "f30f7f", "660f6e g", "660f7e g", "f30f7e", "660fd6",
        "0f12 m", "0f13 m", "0f16 m", "0f17 m", "660f12 m", "660f13 m", "660f16 m", "660f17 m", "0f12", "0f16",
        "0f50 G", "660f50 G", "660fd7 G", "0fc3 mg", "660fe7 m", "0f2b m", "660f2b m",
        "0f54", "660f54", "0f55", "660f55", "0f56", "660f56", "0f57", "660f57", "660fdb", "660fdf", "660feb", "660fef",
        "660ffc", "660ffd", "660ffe", "660fd4", "660ff8", "660ff9", "660ffa", "660ffb", "660fec", "660fed", "660fdc",
        "660fdd", "660fe8", "660fe9", "660fd8", "660fd9", "660f74", "660f75", "660f76", "660f64", "660f65", "660f66",
        "660fd5", "660fe5", "660fe4", "660ff4", "660ff5", "660ff6", "660fe0", "660fe3", "660fda", "660fde", "660fea",
        "660fee", "660ff1", "660ff2", "660ff3", "660fd1", "660fd2", "660fd3", "660fe1", "660fe2",
        "660f71/2 i", "660f71/4 i", "660f71/6 i", "660f72/2 i", "660f72/4 i", "660f72/6 i", "660f73/2 i", "660f73/3 i",
        "660f73/6 i", "660f73/7 i", "660f70 i", "f30f70 i", "f20f70 i", "0fc6 i", "660fc6 i",
        "660f60", "660f61", "660f62", "660f6c", "660f68", "660f69", "660f6a", "660f6d", "0f14", "0f15", "660f14",
        "660f15", "660f63", "660f6b", "660f67", "660fc4 gi", "660fc5 Gi",
        "0f58", "660f58", "f30f58", "f20f58", "0f59", "660f59", "f30f59", "f20f59", "0f5c", "660f5c", "f30f5c",
        "f20f5c", "0f5d", "660f5d", "f30f5d", "f20f5d", "0f5e", "660f5e", "f30f5e", "f20f5e", "0f5f", "660f5f",
        "f30f5f", "f20f5f", "0f51", "660f51", "f30f51", "f20f51", "0fc2 i", "660fc2 i", "f30fc2 i", "f20fc2 i",
        "0f2e", "660f2e", "0f2f", "660f2f",
        "f30f2a g", "f20f2a g", "f30f2d G", "f20f2d G", "f30f2c G", "f20f2c G", "f30f5a", "f20f5a", "0f5a", "660f5a",
        "0f5b", "660f5b", "f30f5b", "f30fe6", "f20fe6", "660fe6", "0fae/2 m", "0fae/3 m", "660ff7 rD"};

    private static final String[] SSE4 = {
        "f20fd0", "660fd0", "f20f7c", "660f7c", "f20f7d", "660f7d", "f20ff0 m", "f20f12", "f30f16", "f30f12",
        "660f3800", "660f3801", "660f3802", "660f3803", "660f3804", "660f3805", "660f3806", "660f3807", "660f3808",
        "660f3809", "660f380a", "660f380b", "660f381c", "660f381d", "660f381e", "660f3a0f i",
        "660f3810", "660f3814", "660f3815", "660f3817", "660f3820", "660f3821", "660f3822", "660f3823", "660f3824",
        "660f3825", "660f3830", "660f3831", "660f3832", "660f3833", "660f3834", "660f3835", "660f3828", "660f3829",
        "660f382a m", "660f382b", "660f3838", "660f3839", "660f383a", "660f383b", "660f383c", "660f383d", "660f383e",
        "660f383f", "660f3840", "660f3841", "660f3a08 i", "660f3a09 i", "660f3a0a i", "660f3a0b i", "660f3a0c i",
        "660f3a0d i", "660f3a0e i", "660f3a14 gi", "660f3a16 gi", "660f3a17 gi", "660f3a20 gi", "660f3a22 gi",
        "660f3a21 i", "660f3a40 i", "660f3a41 i", "660f3a42 i", "660f3837", "660f3a60 i", "660f3a61 i", "660f3a62 i",
        "660f3a63 i"};

    @Property(shrinking = ShrinkingMode.OFF)
    void sseSse2_matchesHost(@ForAll("sse2") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void sse3ToSse42_matchesHost(@ForAll("sse4") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> sse2() {
        return DifferentialSupport.replayable(r -> vectorCase(r, Family.SSE_SSE2, SSE2));
    }

    @Provide
    Arbitrary<CpuCase> sse4() {
        return DifferentialSupport.replayable(r -> vectorCase(r, Family.SSE3_SSE42, SSE4));
    }

    private static final long[] F64 = {0, 0x8000_0000_0000_0000L, 0x3FF0_0000_0000_0000L, 0xBFF8_0000_0000_0000L,
        0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, 0x7FF4_0000_0000_0001L,
        0x0000_0000_0000_0001L, 0x000F_FFFF_FFFF_FFFFL, 0x7FEF_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L,
        0x41E0_0000_0000_0000L, 0xC3E0_0000_0000_0000L, 0x4330_0000_0000_0001L};
    private static final int[] F32 = {0, 0x8000_0000, 0x3F80_0000, 0xBFC0_0000, 0x7F80_0000, 0xFF80_0000,
        0x7FC0_0000, 0x7FA0_0001, 1, 0x007F_FFFF, 0x7F7F_FFFF, 0x0080_0000, 0x4F00_0000, 0xCF00_0000, 0x3F00_0001};

    static long lane64(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> F64[r.nextInt(F64.length)] ^ (r.nextBoolean() ? 0 : Long.MIN_VALUE);
            case 1 -> (F32[r.nextInt(F32.length)] & 0xFFFF_FFFFL) | (long) F32[r.nextInt(F32.length)] << 32;
            case 2 -> Double.doubleToRawLongBits((r.nextInt(2001) - 1000) / 8.0);
            default -> Values.edge(r, 8);
        };
    }

    private static CpuCase vectorCase(Random r, Family family, String[] table) {
        Case c = new Case(r, family);
        for (int i = 0; i < 32; i++) {
            c.xmm[i] = lane64(r);
        }
        int masks = switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> 0x1F80 & ~(0x80 << r.nextInt(6)); // one exception unmasked
            case 2 -> r.nextInt(0x40) << 7;
            default -> 0x1F80;
        };
        c.mxcsr = (r.nextInt(4) << 13) | masks | (r.nextInt(6) == 0 ? 0x8000 : 0)
                | (r.nextInt(6) == 0 ? 0x40 : 0) | (r.nextInt(8) == 0 ? r.nextInt(0x40) : 0);
        if (r.nextInt(3) == 0) {
            // explicit string lengths for PCMPESTRx: small, negative and beyond 16
            c.gpr[0] = r.nextInt(41) - 20;
            c.gpr[2] = r.nextBoolean() ? r.nextInt(41) - 20 : Values.edge(r, 8);
        }
        String entry = table[r.nextInt(table.length)];
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
        boolean memory = flags.contains("m") || (!flags.contains("r") && r.nextInt(3) == 0);
        int reg = ext >= 0 ? ext : r.nextInt(16);
        int rmReg = r.nextInt(16);
        Encoder.Rm rm;
        if (memory) {
            int offset = Encoder.MEMORY_OFFSET + 16 * r.nextInt(4) + (r.nextInt(10) == 0 ? 1 + r.nextInt(15) : 0);
            for (int i = 0; i < 4; i++) {
                c.poke(Encoder.MEMORY_OFFSET + 16 * i, lane64(r), 8);
                c.poke(Encoder.MEMORY_OFFSET + 16 * i + 8, lane64(r), 8);
            }
            if (op.equals("0fae")) {
                // LDMXCSR: another rounding mode, sometimes a reserved bit (#GP(0)); never bit 17,
                // which the AMD host implements as MXCSR.MM (misaligned SSE mode, APM Vol.4) and
                // Intel reserves
                int reserved = r.nextBoolean() ? 1 << 16 : 1 << (18 + r.nextInt(14));
                int loaded = c.mxcsr ^ (r.nextInt(4) << 13) | (r.nextInt(8) == 0 ? reserved : 0);
                c.poke(offset, loaded, 4); // at the operand itself, which may be misaligned (allowed)
            }
            int base = Encoder.baseRegister(c, flags.contains("G") ? reg : -1);
            rm = Encoder.memory(c, base, offset);
        } else {
            rm = Encoder.register(rmReg);
        }
        if (flags.contains("g") && !memory) {
            c.gpr[rmReg] = Values.edge(r, 8);
        }
        if (flags.contains("D")) {
            // MASKMOVDQU stores through the implicit RDI
            for (int i = 0; i < 4; i++) {
                c.poke(Encoder.MEMORY_OFFSET + 8 * i, lane64(r), 8);
            }
            c.gpr[7] = GuestLayout.DATA_BASE + Encoder.MEMORY_OFFSET + r.nextInt(32);
        }
        for (int i = 0; i < prefixEnd; i++) {
            c.bytes(bytes[i] & 0xFF);
        }
        int rex = (r.nextInt(4) == 0 ? 8 : 0) | (ext < 0 && (reg & 8) != 0 ? 4 : 0) | ((rm.reg() & 8) != 0 ? 1 : 0);
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
        return c.describe(entry + (memory ? " mem" : " reg") + String.format(" mxcsr=%x", c.mxcsr)).build();
    }
}
