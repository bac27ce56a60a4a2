package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.GuestLayout;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * MOV MOVZX MOVSX MOVSXD XCHG XADD CMPXCHG CMPXCHG8B/16B CMOVcc SETcc CBW/CWDE/CDQE CWD/CDQ/CQO
 * LEA XLAT MOVBE PUSH POP, register and memory forms, LOCK where legal.
 */
@AddLifecycleHook(DifferentialSupport.class)
class DataMovementProperties {

    @Property(shrinking = ShrinkingMode.OFF)
    void dataMovement_matchesHost(@ForAll("cases") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> cases() {
        return Arbitraries.randomValue(DataMovementProperties::moveCase);
    }

    private static CpuCase moveCase(Random r) {
        Case c = new Case(r, Family.DATA_MOVEMENT);
        int size = IntegerAluProperties.randomSize(r);
        int reg = r.nextInt(16);
        boolean memory = r.nextInt(3) == 0;
        Encoder.Rm rm = memory ? Encoder.memory(c, Encoder.baseRegister(c, reg, 0, 2), Encoder.MEMORY_OFFSET + 16 * r.nextInt(4))
                : Encoder.register(r.nextInt(16));
        c.poke(Encoder.MEMORY_OFFSET, Values.edge(r, 8), 8);
        c.poke(Encoder.MEMORY_OFFSET + 16, Values.edge(r, 8), 8);
        int wide = size == 1 ? 0 : 1;
        int kind = r.nextInt(19);
        String text;
        switch (kind) {
            case 0 -> {
                Encoder.emit(c, size, size == 1, new int[] {0x88 + wide + 2 * r.nextInt(2)}, reg, rm);
                text = "MOV r/m";
            }
            case 1 -> {
                Encoder.emit(c, size, size == 1, new int[] {0xC6 + wide}, 0, rm);
                c.le(Values.edge(r, Math.min(size, 4)), Math.min(size, 4));
                text = "MOV r/m, imm";
            }
            case 2 -> {
                c.bytes(0x48 | (reg >= 8 ? 1 : 0), 0xB8 + (reg & 7)).le(Values.edge(r, 8), 8);
                text = "MOV r64, imm64";
            }
            case 3 -> {
                int s = Values.pick(r, 2, 4, 8);
                int src = r.nextInt(2);
                Encoder.emit(c, s, src == 0, new int[] {0x0F, (r.nextBoolean() ? 0xB6 : 0xBE) + src}, reg, rm);
                text = "MOVZX/MOVSX size " + s;
            }
            case 4 -> {
                Encoder.emit(c, 8, false, new int[] {0x63}, reg, rm);
                text = "MOVSXD";
            }
            case 5 -> {
                if (r.nextBoolean()) {
                    Encoder.emit(c, size, size == 1, new int[] {0x86 + wide}, reg, rm);
                } else {
                    Encoder.emit(c, Math.max(size, 2), false, new int[] {0x90 + (reg & 7)}, 0, Encoder.register(0));
                    c.code.reset();
                    int s = Math.max(size, 2);
                    if (s == 2) {
                        c.bytes(0x66);
                    }
                    int rex = (s == 8 ? 8 : 0) | (reg >= 8 ? 1 : 0);
                    if (rex != 0) {
                        c.bytes(0x40 | rex);
                    }
                    c.bytes(0x90 + (reg & 7));
                }
                text = "XCHG";
            }
            case 6, 7 -> {
                if (memory && r.nextBoolean()) {
                    c.bytes(0xF0);
                }
                Encoder.emit(c, size, size == 1, new int[] {0x0F, (kind == 6 ? 0xC0 : 0xB0) + wide}, reg, rm);
                text = kind == 6 ? "XADD" : "CMPXCHG";
                c.undefinedFlags = 0;
            }
            case 8 -> {
                boolean sixteen = r.nextBoolean();
                int off = Encoder.MEMORY_OFFSET + 16 + (r.nextInt(5) == 0 ? 8 : 0);
                Encoder.Rm m = Encoder.memory(c, Encoder.baseRegister(c, 0, 1, 2, 3), off);
                if (r.nextBoolean()) {
                    c.gpr[0] = r.nextBoolean() ? 0x1234 : c.gpr[0]; // sometimes equal to memory
                    c.poke(off, c.gpr[0], 8);
                    c.poke(off + 8, c.gpr[2], 8);
                }
                if (r.nextBoolean()) {
                    c.bytes(0xF0);
                }
                Encoder.emit(c, sixteen ? 8 : 4, false, new int[] {0x0F, 0xC7}, 1, m);
                text = sixteen ? "CMPXCHG16B" : "CMPXCHG8B";
            }
            case 9 -> {
                Encoder.emit(c, Math.max(size, 2), false, new int[] {0x0F, 0x40 + r.nextInt(16)}, reg, rm);
                text = "CMOVcc";
            }
            case 10 -> {
                Encoder.emit(c, 4, true, new int[] {0x0F, 0x90 + r.nextInt(16)}, 0, rm);
                text = "SETcc";
            }
            case 11, 12 -> {
                int s = Values.pick(r, 2, 4, 8);
                c.bytes(s == 2 ? new byte[] {0x66} : s == 8 ? new byte[] {0x48} : new byte[0]).bytes(kind == 11 ? 0x98 : 0x99);
                text = kind == 11 ? "CBW/CWDE/CDQE" : "CWD/CDQ/CQO";
            }
            case 13 -> {
                Encoder.emit(c, Math.max(size, 2), false, new int[] {0x8D}, reg,
                        new Encoder.Rm(true, Encoder.baseRegister(c), r.nextInt(256) - 128));
                text = "LEA";
            }
            case 14 -> {
                c.gpr[3] = GuestLayout.DATA_BASE + Encoder.MEMORY_OFFSET;
                c.bytes(0xD7);
                text = "XLAT";
            }
            case 15 -> {
                int s = Values.pick(r, 2, 4, 8);
                Encoder.Rm m = Encoder.memory(c, Encoder.baseRegister(c, reg), Encoder.MEMORY_OFFSET);
                Encoder.emit(c, s, false, new int[] {0x0F, 0x38, 0xF0 + r.nextInt(2)}, reg, m);
                text = "MOVBE size " + s;
            }
            case 16 -> {
                int s = Values.pick(r, 2, 8);
                if (s == 2) {
                    c.bytes(0x66);
                }
                if (reg >= 8) {
                    c.bytes(0x41);
                }
                c.bytes((r.nextBoolean() ? 0x50 : 0x58) + (reg & 7));
                text = "PUSH/POP r size " + s;
            }
            case 17 -> {
                boolean imm8 = r.nextBoolean();
                c.bytes(imm8 ? 0x6A : 0x68).le(Values.edge(r, 4), imm8 ? 1 : 4);
                text = "PUSH imm";
            }
            default -> {
                Encoder.Rm m = Encoder.memory(c, Encoder.baseRegister(c), Encoder.MEMORY_OFFSET);
                Encoder.emit(c, r.nextBoolean() ? 2 : 4, false, new int[] {r.nextBoolean() ? 0xFF : 0x8F},
                        c.code.size() == 0 && r.nextBoolean() ? 6 : 0, m);
                text = "PUSH/POP r/m";
            }
        }
        if (kind == 7 || kind == 6) {
            c.undefinedFlags = 0; // CMPXCHG sets flags as CMP, XADD as ADD: all defined
        }
        return c.describe(text + " size " + size + (memory ? " mem" : "")).build();
    }
}
