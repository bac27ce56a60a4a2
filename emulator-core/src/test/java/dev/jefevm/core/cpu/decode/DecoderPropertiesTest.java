package dev.jefevm.core.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuFault;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Properties of the decoder over arbitrary byte streams. */
class DecoderPropertiesTest {

    private final Decoder decoder = new Decoder();

    @Property(tries = 20000)
    void decode_randomBytes_givesInstructionOfLegalLengthOrCpuFault(@ForAll @Size(20) byte[] bytes) {
        try {
            Instruction insn = decoder.decode(a -> bytes[(int) a] & 0xFF, 0);
            assertTrue(insn.length >= 1 && insn.length <= 15, "length " + insn.length);
        } catch (CpuFault expected) {
            assertTrue(expected.vector == CpuFault.UD || expected.vector == CpuFault.GP);
        }
    }

    @Property(tries = 5000)
    void decode_withPrefixRuns_neverReadsPastFifteenBytes(@ForAll @Size(40) byte[] bytes) {
        for (int i = 0; i < 14; i++) {
            bytes[i] = (byte) (i % 2 == 0 ? 0x66 : 0x40 + (bytes[i] & 0x0F)); // prefixes and REX
        }
        int[] maxRead = {0};
        try {
            decoder.decode(a -> {
                maxRead[0] = Math.max(maxRead[0], (int) a);
                return bytes[(int) a] & 0xFF;
            }, 0);
        } catch (CpuFault expected) {
            // #UD or #GP(0): either way the stream was bounded
        }
        assertTrue(maxRead[0] < 15, "read byte " + maxRead[0]);
    }
}
