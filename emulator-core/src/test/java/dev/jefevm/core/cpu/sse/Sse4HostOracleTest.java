package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Differential check of SSE3, SSSE3 (XMM and MMX forms), SSE4.1 and PCMPGTQ against vectors
 * recorded on the host CPU by {@code sse4/sse4-host-oracle.c}: each row's machine code goes
 * through the standard decoder and the SSE executor, and xmm1 (or mm1), rax, the MXCSR exception
 * flags and the six arithmetic flags must match bit for bit. Each register-form row is replayed a
 * second time with its register source (or extract destination) turned into a memory operand.
 */
class Sse4HostOracleTest {

    private static final SseMachine M = new SseMachine();
    private static final Decoder DECODER = new Decoder();
    private static final long CODE = 0x1000, DATA = 0x2000;
    /** ModRM for xmm1, [rsi]. */
    private static final int MODRM_RSI = 0x0E;

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    private record Row(String op, byte[] code, int mxcsr, long aLo, long aHi, long bLo, long bHi, long cLo, long cHi,
                       long rLo, long rHi, long rax, int flags, long rflags) {
        boolean mmx() {
            int p = code[0] & 0xFF;
            return p != 0x66 && p != 0xF2 && p != 0xF3;
        }

        /** Index of the ModRM byte: the last byte, or the one before the imm8 in the 0F3A map. */
        int modrmIndex() {
            int escape = code[0] == 0x0F ? 1 : code[1] == 0x0F ? 2 : 3;
            return (code[escape] & 0xFF) == 0x3A ? code.length - 2 : code.length - 1;
        }

        int imm() {
            return code[code.length - 1] & 0xFF;
        }
    }

    private static Row row(String op, String code, String mxcsr, String aLo, String aHi, String bLo, String bHi,
                           String cLo, String cHi, String rLo, String rHi, String rax, String flags, String rflags) {
        byte[] bytes = new byte[code.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(code.substring(2 * i, 2 * i + 2), 16);
        }
        return new Row(op, bytes, Integer.decode(mxcsr), hex(aLo), hex(aHi), hex(bLo), hex(bHi), hex(cLo), hex(cHi),
                hex(rLo), hex(rHi), hex(rax), Integer.decode(flags), hex(rflags));
    }

    /** Loads the row's inputs, decodes {@code code} at CODE and executes it. */
    private static void run(Row r, byte[] code) {
        SseMachine m = M;
        CpuState s = m.s;
        s.mxcsr = r.mxcsr;
        m.xmm(1, r.aLo, r.aHi);
        m.xmm(2, r.bLo, r.bHi);
        m.xmm(0, r.cLo, r.cHi);
        s.fpuMantissa[1] = r.aLo;
        s.fpuMantissa[2] = r.bLo;
        s.gpr[CpuState.RAX] = r.bLo;
        Flags.setArith(s, CpuState.ARITH_FLAGS);
        m.writeMem64(DATA, r.bLo);
        m.writeMem64(DATA + 8, r.bHi);
        for (int i = 0; i < code.length; i++) {
            m.cpu.memory.write8(CODE + i, code[i]);
        }
        Instruction insn = DECODER.decode(a -> m.cpu.memory.read8(a) & 0xFF, CODE);
        assertEquals(code.length, insn.length, "decoded length");
        s.rip = CODE + insn.length;
        m.run(insn);
    }

    private static void assertResult(Row r) {
        SseMachine m = M;
        if (r.mmx()) {
            assertEquals(r.rLo, m.s.fpuMantissa[1], () -> "mm1 0x" + Long.toHexString(m.s.fpuMantissa[1]));
        } else {
            assertEquals(r.rLo, m.lo(1), () -> "low 0x" + Long.toHexString(m.lo(1)));
            assertEquals(r.rHi, m.hi(1), () -> "high 0x" + Long.toHexString(m.hi(1)));
        }
        assertEquals(r.flags, m.flags(), "MXCSR flags");
        assertEquals(r.rflags, Flags.arith(m.s), "arithmetic flags");
    }

    @ParameterizedTest(name = "{0} {1} mxcsr={2} #{index}")
    @CsvFileSource(resources = "/sse4/sse4-host.csv", numLinesToSkip = 1)
    void registerForm_matchesHostCpu(String op, String code, String mxcsr, String aLo, String aHi, String bLo,
                                     String bHi, String cLo, String cHi, String rLo, String rHi, String rax,
                                     String flags, String rflags) {
        Row r = row(op, code, mxcsr, aLo, aHi, bLo, bHi, cLo, cHi, rLo, rHi, rax, flags, rflags);

        run(r, r.code);

        assertResult(r);
        assertEquals(r.rax, M.s.gpr[CpuState.RAX], () -> "rax 0x" + Long.toHexString(M.s.gpr[CpuState.RAX]));
    }

    @ParameterizedTest(name = "{0} {1} mxcsr={2} #{index}")
    @CsvFileSource(resources = "/sse4/sse4-host.csv", numLinesToSkip = 1)
    void memoryForm_matchesHostCpu(String op, String code, String mxcsr, String aLo, String aHi, String bLo,
                                   String bHi, String cLo, String cHi, String rLo, String rHi, String rax,
                                   String flags, String rflags) {
        Row r = row(op, code, mxcsr, aLo, aHi, bLo, bHi, cLo, cHi, rLo, rHi, rax, flags, rflags);
        byte[] memCode = r.code.clone();
        memCode[r.modrmIndex()] = MODRM_RSI;
        // INSERTPS reads the one m32 instead of the dword imm8[7:6] selects from a register
        M.s.gpr[CpuState.RSI] = op.equals("INSERTPS") ? DATA + 4 * (r.imm() >>> 6) : DATA;
        int storeSize = storeSize(r);

        run(r, memCode);

        if (storeSize == 0) {
            assertResult(r);
        } else {
            long stored = M.cpu.memory.read64(DATA);
            long mask = storeSize == 8 ? -1L : (1L << (8 * storeSize)) - 1;
            assertEquals(r.rax & mask, stored & mask, () -> "stored 0x" + Long.toHexString(stored));
            assertEquals(r.aLo, M.lo(1), "source register unchanged");
        }
    }

    /** Bytes an extract stores to memory, or 0 for instructions whose memory operand is a source. */
    private static int storeSize(Row r) {
        return switch (r.op) {
            case "PEXTRB" -> 1;
            case "PEXTRW" -> 2;
            case "PEXTRD" -> r.code[1] == 0x48 ? 8 : 4;
            case "EXTRACTPS" -> 4;
            default -> 0;
        };
    }
}
