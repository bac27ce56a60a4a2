package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.GuestLayout;
import java.util.Random;
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
        return DifferentialSupport.replayable(DataMovementProperties::moveCase);
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
        int kind = r.nextInt(23);
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
                if (memory ? r.nextBoolean() : r.nextInt(20) == 0) {
                    c.bytes(0xF0); // on a register destination: #UD
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
            case 18 -> {
                // FF /6 PUSH r/m, 8F /0 POP r/m: 64-bit by default, 16-bit with 66 (SDM Vol.2 "PUSH", "POP")
                boolean push = r.nextBoolean();
                Encoder.Rm m = memory ? rm : Encoder.register(r.nextInt(16));
                Encoder.emit(c, r.nextBoolean() ? 2 : 4, false, new int[] {push ? 0xFF : 0x8F}, push ? 6 : 0, m);
                text = push ? "PUSH r/m" : "POP r/m";
            }
            case 19 -> text = enterOrLeave(c);
            case 20 -> text = nonCanonical(c, reg);
            case 21 -> text = readOnlyPage(c, reg);
            default -> {
                // LOCK on an instruction that cannot take it (SDM Vol.2 "LOCK"): #UD
                c.bytes(0xF0);
                Encoder.emit(c, size, size == 1, new int[] {r.nextBoolean() ? 0x8B : 0x89}, reg, rm);
                text = "lock MOV (#UD)";
            }
        }
        if (kind == 7 || kind == 6) {
            c.undefinedFlags = 0; // CMPXCHG sets flags as CMP, XADD as ADD: all defined
        }
        return c.describe(text + " size " + size + (memory ? " mem" : "")).build();
    }

    /**
     * ENTER imm16, level (levels 0, 1 and more, copying frame pointers from [RBP-8*i]) or LEAVE,
     * with 64- or 16-bit operand size (SDM Vol.2 "ENTER", "LEAVE").
     */
    private static String enterOrLeave(Case c) {
        Random r = c.random;
        boolean sixteen = r.nextInt(4) == 0;
        c.gpr[5] = GuestLayout.DATA_BASE + 0xA000 + 2 * r.nextInt(0x400); // RBP inside the data area
        if (sixteen) {
            c.bytes(0x66);
        }
        if (r.nextBoolean()) {
            int level = Values.pick(r, 0, 1, 2, 3, r.nextInt(32), 32 + r.nextInt(8));
            c.bytes(0xC8).le(Values.pick(r, 0, 8, 0x28, r.nextInt(0x400)), 2).bytes(level);
            return "ENTER level " + level + (sixteen ? " o16" : "");
        }
        c.bytes(0xC9);
        return "LEAVE" + (sixteen ? " o16" : "");
    }

    /**
     * A memory access through a non-canonical address: #GP(0), or #SS(0) when the stack pointer
     * is non-canonical (SDM Vol.3 6.15 "#GP", "#SS": 64-bit mode canonical check).
     */
    private static String nonCanonical(Case c, int reg) {
        Random r = c.random;
        long address = r.nextBoolean() ? 0x0000_8000_0000_0000L + 8L * r.nextInt(1 << 20)
                : 0xFFFF_7FFF_FFFF_F000L + 8L * r.nextInt(0x200);
        if (r.nextInt(4) == 0) {
            c.gpr[4] = address;
            c.bytes(r.nextBoolean() ? 0x50 + (reg & 7) : 0x58 + (reg & 7));
            return "PUSH/POP with non-canonical RSP";
        }
        // an RBP base makes it an SS reference: #SS(0) rather than #GP(0) (SDM Vol.3 6.15)
        int base = Encoder.baseRegister(c, reg);
        c.gpr[base] = address;
        Encoder.Rm m = new Encoder.Rm(true, base, 0);
        Encoder.emit(c, 8, false, new int[] {Values.pick(r, 0x89, 0x8B, 0x01, 0x87)}, reg, m);
        return "non-canonical memory operand";
    }

    /**
     * Reads and writes of the read-only zero page: a read gives zeros; a write (plain, read-modify-
     * write or locked) is a #PF with error code P|W|U = 7 and CR2 the address (SDM Vol.3 4.7).
     */
    private static String readOnlyPage(Case c, int reg) {
        Random r = c.random;
        int base = Encoder.baseRegister(c, reg);
        c.gpr[base] = GuestLayout.READ_ONLY_BASE + r.nextInt(0x1000 - 8);
        Encoder.Rm m = new Encoder.Rm(true, base, 0);
        int kind = r.nextInt(4);
        if (kind == 3) {
            c.bytes(0xF0);
        }
        int size = Values.pick(r, 1, 2, 4, 8);
        int opcode = new int[] {0x8A, 0x88, 0x00, 0x00}[kind] + (size == 1 ? 0 : 1);
        Encoder.emit(c, size, size == 1, new int[] {opcode}, reg, m);
        return new String[] {"read", "write", "add to", "lock add to"}[kind] + " the read-only page";
    }
}
