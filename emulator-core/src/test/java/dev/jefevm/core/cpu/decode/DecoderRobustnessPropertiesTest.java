package dev.jefevm.core.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuFault;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Decoder robustness (issue 3 item 6): random byte streams behind a VEX prefix, and random
 * mutations of valid BMI/ADX/CRC32/PCMPxSTRx/MOVBE encodings, give either a well-formed
 * instruction or a guest fault, never a host exception; past the prefixes, an encoding without
 * a row is always #UD.
 */
class DecoderRobustnessPropertiesTest {

    private static final Set<Op> VEX_OPS = EnumSet.of(Op.ANDN, Op.BEXTR, Op.BLSI, Op.BLSMSK, Op.BLSR, Op.BZHI,
            Op.MULX, Op.PDEP, Op.PEXT, Op.RORX, Op.SARX, Op.SHLX, Op.SHRX);

    /** Valid encodings (GNU as) the mutations start from. */
    private static final String[] VALID = {
            "c4e2f8f2cb", "c42280f244a010", "c4e270f70500010000", "c4e2a0f3cb", "c4e2e8f31e", "c46288f5c8",
            "c4e263f5c1", "c4e2e2f502", "c462a3f6d0", "c463fbf065f83f", "c4e291f7c3", "66480f38f6c3",
            "f3440f38f609", "f2480f38f006", "66f20f38f1c3", "660f3a601840", "66450f3a63ca1a",
            "660f3a62052000000044", "0f38f003", "660f38f103", "4801c8", "f30fb8c1",
    };

    private final Decoder decoder = new Decoder();

    /** Decodes {@code bytes} (a fetch past the end is a #PF, as an unmapped next page would be). */
    private Instruction decode(byte[] bytes) {
        return decoder.decode(a -> {
            if (a >= bytes.length) {
                throw CpuFault.pf(a, 0x10);
            }
            return bytes[(int) a] & 0xFF;
        }, 0);
    }

    @Property(tries = 4000)
    void decode_randomBytesAfterVexPrefix_givesBmiInstructionOrInvalidOpcode(
            @ForAll boolean twoByteForm, @ForAll @Size(14) byte[] tail) {
        byte[] bytes = new byte[15];
        bytes[0] = (byte) (twoByteForm ? 0xC5 : 0xC4);
        System.arraycopy(tail, 0, bytes, 1, 14);
        try {
            Instruction insn = decode(bytes);
            assertTrue(VEX_OPS.contains(insn.op), insn.op.toString());
            assertTrue(insn.has(Instruction.P_VEX) && insn.length >= 5 && insn.length <= 11, "length " + insn.length);
            assertTrue(insn.opSize == 4 || insn.opSize == 8);
        } catch (CpuFault fault) {
            assertEquals(CpuFault.UD, fault.vector);
        }
    }

    @Property(tries = 4000)
    void decode_mutatedValidEncoding_givesInstructionOfLegalLengthOrGuestFault(
            @ForAll @IntRange(min = 0, max = 21) int which, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] base = HexFormat.of().parseHex(VALID[which]);
        byte[] bytes = new byte[base.length + 4];
        int n = 0;
        int prefixes = random.nextInt(3);
        for (int i = 0; i < prefixes; i++) {
            bytes[n++] = (byte) new int[] {0x66, 0xF2, 0xF3, 0xF0, 0x2E, 0x67, 0x40, 0x48, 0x4F}[random.nextInt(9)];
        }
        System.arraycopy(base, 0, bytes, n, base.length);
        n += base.length;
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(n);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        byte[] code = Arrays.copyOf(bytes, n);
        try {
            Instruction insn = decode(code);
            assertTrue(insn.length >= 1 && insn.length <= Math.min(15, n), "length " + insn.length);
        } catch (CpuFault fault) {
            assertTrue(fault.vector == CpuFault.UD || fault.vector == CpuFault.GP || fault.vector == CpuFault.PF,
                    "vector " + fault.vector);
        }
    }
}
