package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.GuestLayout;

/**
 * Emits legacy-encoded instructions (SDM Vol.2 2.1-2.2): operand-size prefix, REX, opcode,
 * ModRM with either a register or a memory operand [base + disp8] whose base register the
 * encoder points into the data area. A memory operand's base is never RSP or R12 (those need
 * a SIB byte) and never the register operand.
 */
final class Encoder {

    /** Where memory operands point: the middle of the data area, 16-byte aligned. */
    static final int MEMORY_OFFSET = 0x4000;

    private Encoder() {
    }

    /** The register or memory r/m operand of one instruction. */
    record Rm(boolean memory, int reg, int disp) {
    }

    static Rm register(int reg) {
        return new Rm(false, reg, 0);
    }

    /**
     * A memory operand at data offset {@code offset} through base register {@code base}; the
     * base register's value is set in {@code c} so that base + disp8 is that address.
     */
    static Rm memory(Case c, int base, int offset) {
        int disp = c.random.nextInt(256) - 128;
        c.gpr[base] = GuestLayout.DATA_BASE + offset - disp;
        return new Rm(true, base, disp);
    }

    /** A base register other than RSP, R12 and {@code avoid}. */
    static int baseRegister(Case c, int... avoid) {
        while (true) {
            int b = c.random.nextInt(16);
            boolean ok = b != 4 && b != 12;
            for (int a : avoid) {
                ok &= a != b;
            }
            if (ok) {
                return b;
            }
        }
    }

    /**
     * Emits [66][REX] opcode ModRM [disp8]: {@code size} 2 adds 66, 8 sets REX.W; byte
     * operations get a bare REX at random (which turns AH..BH into SPL..DIL), as real code does.
     */
    static void emit(Case c, int size, boolean byteOp, int[] opcode, int regField, Rm rm) {
        if (size == 2) {
            c.bytes(0x66);
        }
        int rex = (size == 8 ? 8 : 0) | ((regField & 8) != 0 ? 4 : 0) | ((rm.reg() & 8) != 0 ? 1 : 0);
        if (rex != 0 || (byteOp && c.random.nextBoolean())) {
            c.bytes(0x40 | rex);
        }
        c.bytes(opcode);
        modrm(c, regField, rm);
    }

    /** The ModRM byte (and disp8) for {@code regField} and {@code rm}. */
    static void modrm(Case c, int regField, Rm rm) {
        if (rm.memory()) {
            c.bytes(0x40 | (regField & 7) << 3 | (rm.reg() & 7));
            c.bytes(rm.disp() & 0xFF);
        } else {
            c.bytes(0xC0 | (regField & 7) << 3 | (rm.reg() & 7));
        }
    }
}
