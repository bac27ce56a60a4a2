package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM: every imm8 value of all four instructions against
 * the host CPU (/bmi/pcmpstr-host.csv from /bmi/host-oracle.c: strings with embedded nulls, equal
 * strings, lengths beyond 16 and beyond 32 bits in EAX/EDX, with and without REX.W), plus
 * spec-derived examples. All of RCX, XMM0 and CF ZF SF OF AF PF must match: the SDM defines
 * every one of them for these instructions.
 */
class PackedStringCompareTest {

    /** One machine for every case (its RAM is off-heap): each case sets all the state it reads. */
    private static final SseMachine MACHINE = new SseMachine();

    private final SseMachine m = MACHINE;
    private final Decoder decoder = new Decoder();

    private Instruction decode(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return decoder.decode(a -> b[(int) a] & 0xFF, 0);
    }

    /** Bytes of {@code text} as the low (lo) or high (hi) quadword of an XMM register, NUL padded to 16. */
    private static long quad(String text, int half) {
        long q = 0;
        for (int i = 0; i < 8; i++) {
            int at = half * 8 + i;
            q |= (at < text.length() ? (long) (text.charAt(at) & 0xFF) : 0) << (8 * i);
        }
        return q;
    }

    private void strings(String a, String b) {
        m.xmm(1, quad(a, 0), quad(a, 1));
        m.xmm(2, quad(b, 0), quad(b, 1));
    }

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (var in = PackedStringCompareTest.class.getResourceAsStream("/bmi/pcmpstr-host.csv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                long[] v = new long[14];
                for (int i = 0; i < 14; i++) {
                    v[i] = Long.parseUnsignedLong(f[i + 2], 16);
                }
                out.add(Arguments.of(f[0], f[1], v));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} #{index}")
    @MethodSource("rows")
    void instruction_matchesHostIndexMaskAndFlags(String name, String bytes, long[] v) {
        Instruction insn = decode(bytes);
        m.xmm(1, v[0], v[1]);
        m.xmm(2, v[2], v[3]);
        m.s.gpr[CpuState.RAX] = v[4];
        m.s.gpr[CpuState.RDX] = v[5];
        m.s.gpr[CpuState.RCX] = v[6];
        m.xmm(0, v[7], v[8]);
        Flags.set(m.s, v[9]);

        PackedStringCompare.execute(m.cpu, insn);

        assertAll(() -> assertEquals(Long.toHexString(v[10]), Long.toHexString(m.s.gpr[CpuState.RCX]), "RCX"),
                () -> assertEquals(Long.toHexString(v[11]), Long.toHexString(m.lo(0)), "XMM0 low"),
                () -> assertEquals(Long.toHexString(v[12]), Long.toHexString(m.hi(0)), "XMM0 high"),
                () -> assertEquals(Long.toHexString(v[13]), Long.toHexString(Flags.get(m.s) & CpuState.ARITH_FLAGS), "flags"));
    }

    @Test
    void pcmpistri_equalAnyOfSeparators_givesIndexOfFirstSeparatorAsStrcspnDoes() {
        strings(",;", "hello;world,x");

        PackedStringCompare.execute(m.cpu, decode("660f3a63ca00")); // pcmpistri xmm1, xmm2, 0: unsigned bytes, equal any

        assertAll(() -> assertEquals(5, m.s.gpr[CpuState.RCX]),
                () -> assertEquals(CpuState.CF | CpuState.ZF | CpuState.SF, Flags.arith(m.s)));
    }

    @Test
    void pcmpistri_equalOrderedSubstring_givesItsStartIndex() {
        strings("wor", "hello world");

        PackedStringCompare.execute(m.cpu, decode("660f3a63ca0c")); // equal ordered

        assertEquals(6, m.s.gpr[CpuState.RCX]);
    }

    @Test
    void pcmpistrm_rangesWithByteMask_marksLowercaseLetters() {
        strings("az", "aB1z");

        PackedStringCompare.execute(m.cpu, decode("660f3a62ca44")); // ranges, byte mask in XMM0

        assertAll(() -> assertEquals(0xFF0000FFL, m.lo(0)), // 'a' and 'z' are in [a, z]; 'B' and '1' are not
                () -> assertEquals(0, m.hi(0)));
    }

    @Test
    void pcmpestri_lengthsBeyondSixteen_saturateAndFindNoMismatch() {
        strings("abcdefghijklmnop", "abcdefghijklmnop");
        m.s.gpr[CpuState.RAX] = 100;
        m.s.gpr[CpuState.RDX] = -40;

        PackedStringCompare.execute(m.cpu, decode("660f3a61ca18")); // equal each, negative polarity: first mismatch

        assertAll(() -> assertEquals(16, m.s.gpr[CpuState.RCX]),
                () -> assertEquals(0, Flags.arith(m.s)));
    }

    @Test
    void pcmpistri_memoryOperand_needsNoAlignment() {
        strings("o", "");
        long address = 0x2001; // odd on purpose
        m.writeMem64(0x2000, 0x6F6C_6C65_6800_0000L); // bytes from 0x2001: 00 00 68 65 6C 6C 6F: an empty string
        m.writeMem64(0x2008, 0);
        m.s.gpr[CpuState.RBX] = address;

        PackedStringCompare.execute(m.cpu, decode("660f3a630b00")); // pcmpistri xmm1, [rbx], 0

        assertEquals(16, m.s.gpr[CpuState.RCX]);
    }
}
