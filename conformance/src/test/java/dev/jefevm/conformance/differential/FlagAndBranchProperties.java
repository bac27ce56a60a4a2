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
 * Flag instructions (LAHF SAHF PUSHF POPF CLC STC CMC CLD STD) and control flow that stays in
 * the code page (Jcc JMP CALL RET LOOP LOOPE LOOPNE JRCXZ, short, near and indirect forms, RET
 * imm16): every branch
 * either skips a run of INC RAX or falls through it, so both outcomes end at the sequence end.
 */
@AddLifecycleHook(DifferentialSupport.class)
class FlagAndBranchProperties {

    @Property(shrinking = ShrinkingMode.OFF)
    void flagInstruction_matchesHost(@ForAll("flags") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void branch_matchesHost(@ForAll("branches") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> flags() {
        return DifferentialSupport.replayable(FlagAndBranchProperties::flagCase);
    }

    @Provide
    Arbitrary<CpuCase> branches() {
        return DifferentialSupport.replayable(FlagAndBranchProperties::branchCase);
    }

    private static CpuCase flagCase(Random r) {
        Case c = new Case(r, Family.FLAG_OPS);
        int kind = r.nextInt(10);
        if (kind == 9) {
            return systemFlagsCase(c);
        }
        String[] names = {"LAHF", "SAHF", "PUSHF", "POPF", "CLC", "STC", "CMC", "CLD", "STD"};
        int[] opcodes = {0x9F, 0x9E, 0x9C, 0x9D, 0xF8, 0xF9, 0xF5, 0xFC, 0xFD};
        if (kind == 3) {
            // POPF at CPL 3: only the arithmetic flags and DF are popped (TF or AC would change the run)
            c.poke((int) (GuestLayout.DEFAULT_RSP - GuestLayout.DATA_BASE), (r.nextLong() & 0xCD5) | 2, 8);
        }
        if ((kind == 2 || kind == 3) && r.nextBoolean()) {
            c.bytes(0x66); // 16-bit PUSHF/POPF
        }
        c.bytes(opcodes[kind]);
        if (kind == 2) {
            c.describe("PUSHF (stored IF/ID bits may differ: only arithmetic flags compared in registers)");
        }
        return c.describe(names[kind]).build();
    }

    /**
     * POPF of AC, ID, NT, IF, IOPL and the arithmetic flags, PUSHF of the result, and a POPF of
     * clean flags so that AC is off again when the case ends (the host would otherwise raise #AC
     * on its own unaligned accesses). At CPL 3 with IOPL 0, POPF keeps IF and IOPL and changes
     * AC, ID and NT (SDM Vol.2 "POPF", Table 4-15); the pushed image shows which bits stuck.
     */
    private static CpuCase systemFlagsCase(Case c) {
        Random r = c.random;
        long ac = 1L << 18, id = 1L << 21, nt = 1L << 14, ifFlag = 1L << 9, iopl = 3L << 12;
        long system = r.nextLong() & (ac | id | nt | ifFlag | iopl);
        int slot = (int) (GuestLayout.DEFAULT_RSP - GuestLayout.DATA_BASE);
        c.poke(slot, (r.nextLong() & 0xCD5) | system | 2, 8);
        c.poke(slot + 8, (r.nextLong() & 0xCD5) | 2, 8);
        // POPF; PUSHF; LEA RSP, [RSP+8]; POPF
        c.bytes(0x9D, 0x9C, 0x48, 0x8D, 0x64, 0x24, 0x08, 0x9D);
        return c.describe(String.format("POPF %x; PUSHF; POPF", system)).build();
    }

    private static CpuCase branchCase(Random r) {
        Case c = new Case(r, Family.CONTROL_FLOW);
        int kind = r.nextInt(10);
        int skip = 3 * (1 + r.nextInt(4)); // INC RAX is 3 bytes
        String text;
        switch (kind) {
            case 0 -> {
                c.bytes(0x70 + r.nextInt(16), skip);
                text = "Jcc rel8";
            }
            case 1 -> {
                c.bytes(0x0F, 0x80 + r.nextInt(16)).le(skip, 4);
                text = "Jcc rel32";
            }
            case 2 -> {
                if (r.nextBoolean()) {
                    c.bytes(0xEB, skip);
                } else {
                    c.bytes(0xE9).le(skip, 4);
                }
                text = "JMP";
            }
            case 3 -> {
                c.bytes(0xE8).le(skip, 4);
                text = "CALL rel32";
            }
            case 4 -> {
                int loop = r.nextInt(4); // LOOPNE LOOPE LOOP JRCXZ
                c.gpr[1] = loop == 3 ? Values.pick(r, 0, 1, 5) : 1 + r.nextInt(40);
                if (r.nextInt(4) == 0) {
                    c.bytes(0x67); // ECX instead of RCX
                }
                // a backward loop over INC RAX; JRCXZ jumps forward over the INCs
                if (loop == 3) {
                    c.bytes(0xE3, skip);
                } else {
                    c.bytes(0x48, 0xFF, 0xC0, 0xE0 + loop, 0xF9);
                    skip = 0;
                }
                text = new String[] {"LOOPNE", "LOOPE", "LOOP", "JRCXZ"}[loop];
            }
            case 5 -> {
                c.poke((int) (GuestLayout.DEFAULT_RSP - GuestLayout.DATA_BASE), GuestLayout.CODE_BASE + 1 + skip, 8);
                c.bytes(0xC3);
                text = "RET";
            }
            case 7 -> {
                // RET imm16: pops the return address, then releases imm16 more bytes (SDM Vol.2 "RET")
                c.poke((int) (GuestLayout.DEFAULT_RSP - GuestLayout.DATA_BASE), GuestLayout.CODE_BASE + 3 + skip, 8);
                c.bytes(0xC2).le(Values.pick(r, 0, 8, 0x18, r.nextInt(0x10000)), 2);
                text = "RET imm16";
            }
            case 8 -> {
                // CALL r/m64 (FF /2) and JMP m64 (FF /4) through a memory operand
                boolean call = r.nextBoolean();
                Encoder.Rm m = Encoder.memory(c, Encoder.baseRegister(c), Encoder.MEMORY_OFFSET);
                int length = 3 + (m.reg() >= 8 ? 1 : 0);
                c.poke(Encoder.MEMORY_OFFSET, GuestLayout.CODE_BASE + length + skip, 8);
                if (m.reg() >= 8) {
                    c.bytes(0x41);
                }
                c.bytes(0xFF);
                Encoder.modrm(c, call ? 2 : 4, m);
                text = call ? "CALL m64" : "JMP m64";
            }
            case 9 -> {
                // CALL r64 (FF /2): the target in a register
                int reg = Values.pick(r, 0, 1, 2, 3, 5, 6, 7, 8, 11, 15);
                c.gpr[reg] = GuestLayout.CODE_BASE + (reg >= 8 ? 3 : 2) + skip;
                if (reg >= 8) {
                    c.bytes(0x41);
                }
                c.bytes(0xFF, 0xD0 | (reg & 7));
                text = "CALL r64";
            }
            default -> {
                int reg = r.nextInt(16);
                if (reg == 4) {
                    reg = 0;
                }
                c.gpr[reg] = GuestLayout.CODE_BASE + (reg >= 8 ? 3 : 2) + skip;
                if (r.nextBoolean()) {
                    c.bytes(0xFF - 0xFF + (reg >= 8 ? 0x41 : 0x40) - (reg >= 8 ? 0 : 0x40)).code.reset();
                }
                if (reg >= 8) {
                    c.bytes(0x41);
                }
                c.bytes(0xFF, 0xE0 | (reg & 7));
                text = "JMP r64";
            }
        }
        for (int i = 0; i < skip; i += 3) {
            c.bytes(0x48, 0xFF, 0xC0);
        }
        return c.describe(text + " over " + skip + " bytes").build();
    }
}
