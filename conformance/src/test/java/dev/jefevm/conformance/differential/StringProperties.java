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
 * MOVS STOS LODS CMPS SCAS in every size, without and with REP/REPE/REPNE, DF clear and set, 64-
 * and 32-bit addresses, counts 0, 1 and many, overlapping MOVS.
 */
@AddLifecycleHook(DifferentialSupport.class)
class StringProperties {

    @Property(shrinking = ShrinkingMode.OFF)
    void stringOperation_matchesHost(@ForAll("cases") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> cases() {
        return DifferentialSupport.replayable(StringProperties::stringCase);
    }

    private static CpuCase stringCase(Random r) {
        Case c = new Case(r, Family.STRINGS);
        int size = IntegerAluProperties.randomSize(r);
        int kind = r.nextInt(5);
        int opcode = new int[] {0xA4, 0xAA, 0xAC, 0xA6, 0xAE}[kind] + (size == 1 ? 0 : 1);
        int rep = r.nextInt(3); // none, F3, F2
        c.rflags = r.nextBoolean() ? c.rflags | 0x400 : c.rflags & ~0x400L;
        c.gpr[6] = GuestLayout.DATA_BASE + 0x3000 + r.nextInt(0x2000);
        c.gpr[7] = GuestLayout.DATA_BASE + 0x9000 + r.nextInt(0x2000);
        c.gpr[1] = Values.pick(r, 0, 1, 2, 3, 7, 16, 33, r.nextInt(200));
        if (r.nextBoolean()) {
            // make compares find equal runs: copy the source bytes over the destination
            int src = (int) (c.gpr[6] - GuestLayout.DATA_BASE) & ~7;
            int dst = (int) (c.gpr[7] - GuestLayout.DATA_BASE) & ~7;
            c.gpr[6] = GuestLayout.DATA_BASE + src;
            c.gpr[7] = GuestLayout.DATA_BASE + dst;
            long fill = r.nextLong();
            for (int i = 0; i < 0x40; i += 8) {
                c.poke(src + i, fill, 8);
                c.poke(dst + i, fill, 8);
            }
            c.gpr[0] = fill;
        }
        if (kind == 0 && r.nextInt(4) == 0) {
            // overlapping MOVS: the destination a few bytes after or before the source, so REP
            // MOVS copies bytes it has just written (SDM Vol.2 "MOVS": element by element)
            c.gpr[7] = c.gpr[6] + Values.pick(r, 1, 2, 3, 4, 7, 8, 9, 16) * (r.nextBoolean() ? 1 : -1);
        }
        if (rep == 1) {
            c.bytes(0xF3);
        } else if (rep == 2) {
            c.bytes(0xF2);
        }
        boolean address32 = r.nextInt(6) == 0;
        if (address32) {
            c.bytes(0x67);
            c.gpr[1] |= r.nextLong() & 0xFFFF_FFFF_0000_0000L; // ECX counts, the upper half is ignored
        }
        if (size == 2) {
            c.bytes(0x66);
        } else if (size == 8) {
            c.bytes(0x48);
        }
        c.bytes(opcode);
        return c.describe(new String[] {"", "rep ", "repne "}[rep] + new String[] {"MOVS", "STOS", "LODS", "CMPS", "SCAS"}[kind]
                + " size " + size + ((c.rflags & 0x400) != 0 ? " DF=1" : " DF=0") + (address32 ? " addr32" : "")).build();
    }
}
