package dev.jefevm.core.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FNSTENV/FLDENV/FNSAVE/FRSTOR in the 32-bit protected-mode layouts (SDM Vol.1 Figures 8-9, 8-10), and FXSAVE's x87 part. */
class X87EnvironmentTest {

    private static final long AREA = X87Machine.DATA;
    private final X87Machine m = new X87Machine();
    private final CpuState s = m.s;

    @BeforeEach
    void init() {
        X87Control.init(s);
        s.gpr[CpuState.RSI] = AREA;
    }

    @Test
    void fnstenv_storesControlStatusFullTagsOpcodeAndCs_thenMasksExceptions() {
        s.fpuControl = 0x0360;
        m.exec("d9e8"); // fld1: valid
        m.exec("d9ee"); // fldz: zero

        m.exec("d936"); // fnstenv [rsi]

        assertAll(() -> assertEquals(0xFFFF_0360, m.cpu.memory.read32(AREA)),
                () -> assertEquals(0xFFFF_0000 | 6 << 11, m.cpu.memory.read32(AREA + 4)),
                () -> assertEquals(0xFFFF_0000 | 0x1FFF, m.cpu.memory.read32(AREA + 8)), // R7 valid, R6 zero
                () -> assertEquals((int) X87Machine.CODE, m.cpu.memory.read32(AREA + 12)),
                () -> assertEquals(0x1EE << 16 | 0x08, m.cpu.memory.read32(AREA + 16)), // FOP, FCS
                () -> assertEquals(0x037F, s.fpuControl));
    }

    @Test
    void fnsaveThenFrstor_restoresRegistersStatusAndTags() {
        m.exec("d9eb"); // fldpi
        m.exec("d9e8"); // fld1
        int status = s.fpuStatus;
        int tags = s.fpuTagWord;

        m.exec("dd36"); // fnsave [rsi]
        int afterSave = s.fpuTagWord;
        m.exec("dd26"); // frstor [rsi]

        assertAll(() -> assertEquals(0, afterSave),
                () -> assertEquals(0x8000_0000_0000_0000L, m.cpu.memory.read64(AREA + 28)), // ST(0) = 1
                () -> assertEquals(0x3FFF, m.cpu.memory.read16(AREA + 36)),
                () -> assertEquals(0xC90F_DAA2_2168_C235L, m.cpu.memory.read64(AREA + 38)), // ST(1) = pi
                () -> assertEquals(status, s.fpuStatus), () -> assertEquals(tags, s.fpuTagWord),
                () -> assertEquals("3fff8000000000000000", m.st(0)));
    }

    @Test
    void fldenv_withSixteenBitOperandSize_readsTheShortLayout() {
        m.cpu.memory.write16(AREA, 0x027F);
        m.cpu.memory.write16(AREA + 2, 5 << 11);
        m.cpu.memory.write16(AREA + 4, 0xF000); // R0-R5 valid (00), R6 and R7 empty (11)

        m.exec("66d926"); // fldenv [rsi] with 66

        assertAll(() -> assertEquals(0x027F, s.fpuControl), () -> assertEquals(5, X87Stack.top(s)),
                () -> assertEquals(0x3F, s.fpuTagWord));
    }

    @Test
    void fxsave_storesTheX87StateInStackOrder() {
        s.cr4 |= 0x200;
        m.exec("d9e8"); // fld1

        m.run("0fae06"); // fxsave [rsi]

        assertAll(() -> assertEquals(0x037F, m.cpu.memory.read16(AREA)),
                () -> assertEquals(7 << 11, m.cpu.memory.read16(AREA + 2)),
                () -> assertEquals(0x80, m.cpu.memory.read8(AREA + 4)),
                () -> assertEquals(0x1E8, m.cpu.memory.read16(AREA + 6)),
                () -> assertEquals(0x8000_0000_0000_0000L, m.cpu.memory.read64(AREA + 32)),
                () -> assertEquals(0x3FFF, m.cpu.memory.read16(AREA + 40)));
    }
}
