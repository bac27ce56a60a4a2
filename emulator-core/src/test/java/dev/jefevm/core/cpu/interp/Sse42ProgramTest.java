package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * SSE4.2 and BMI through the whole interpreter, shaped like the glibc routines that pick them
 * once CPUID advertises them: strcspn's PCMPISTRI on unaligned memory, a CRC32C step, and a
 * BMI2 PEXT in the same block.
 */
class Sse42ProgramTest {

    @Test
    void run_strcspnStepCrcAndPext_giveSeparatorIndexChecksumAndExtractedBits() {
        TestMachine m = new TestMachine();
        m.state.cr4 |= 1L << 9; // OSFXSR: the OS enabled SSE
        byte[] text = "hello;world\0".getBytes(StandardCharsets.US_ASCII);
        byte[] separators = ",;\0".getBytes(StandardCharsets.US_ASCII);
        m.memory.writeBytes(TestMachine.DATA + 1, text, 0, text.length); // unaligned on purpose
        m.memory.writeBytes(TestMachine.DATA + 0x40, separators, 0, separators.length);
        m.state.gpr[CpuState.RSI] = TestMachine.DATA + 1;
        m.state.gpr[CpuState.RDI] = TestMachine.DATA + 0x40;
        m.state.gpr[CpuState.RBX] = 0xFFFF_FFFFL;
        m.state.gpr[8] = 0xF0F0;
        m.state.gpr[9] = 0x00FF_00FF;
        m.code("f30f6f0f"                // movdqu xmm1, [rdi]
                + "660f3a630e00"         // pcmpistri xmm1, [rsi], 0 (equal any, unsigned bytes)
                + "f2480f38f01e"         // crc32 rbx, byte [rsi]
                + "c4c2baf5c1"           // pext rax, r8, r9
                + "f4");                 // hlt

        RunResult result = m.run(10);

        assertAll(() -> assertEquals(RunResult.HALTED, result),
                () -> assertEquals(5, m.reg(CpuState.RCX)),
                () -> assertEquals(0x469D_6703L, m.reg(CpuState.RBX)), // host: crc32b of 'h' into 0xFFFFFFFF
                () -> assertEquals(0xF0, m.reg(CpuState.RAX)));
    }
}
