package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison notices a difference in every compared field, and ignores what the case masks. */
class ComparisonTest {

    private static CpuCase caseMasking(long undefinedFlags, int undefinedFpuStatus) {
        return new CpuCase(Family.INTEGER_ALU, "test", new byte[] {1, (byte) 0xD8}, new long[16], 0, 0x1F80,
                new long[32], X87State.initial(), 1, List.of(), undefinedFlags, undefinedFpuStatus);
    }

    private static CaseResult result(CaseResult.Outcome outcome, int vector, long error, long cr2, long[] gpr, long rip,
                                     long rflags, int mxcsr, long[] xmm, X87State x87, int[] offsets, byte[] values) {
        return new CaseResult(outcome, vector, error, cr2, gpr, rip, rflags, mxcsr, xmm, x87, offsets, values, "");
    }

    private static CaseResult completed(long rflags) {
        return result(CaseResult.Outcome.COMPLETED, 0, 0, 0, new long[16], 0x1000_0002L, rflags, 0x1F80, new long[32],
                X87State.initial(), new int[0], new byte[0]);
    }

    private static CaseResult withMemory(int[] offsets, byte[] values) {
        return result(CaseResult.Outcome.COMPLETED, 0, 0, 0, new long[16], 0x1000_0002L, 0, 0x1F80, new long[32],
                X87State.initial(), offsets, values);
    }

    private static CaseResult exception(int vector, long error, long cr2) {
        return result(CaseResult.Outcome.EXCEPTION, vector, error, cr2, new long[16], 0x1000_0000L, 0, 0x1F80,
                new long[32], X87State.initial(), new int[0], new byte[0]);
    }

    private static List<String> diff(CaseResult host, CaseResult jefe) {
        return Comparison.differences(caseMasking(0, 0), host, jefe);
    }

    @Test
    void differences_identicalResults_isEmpty() {
        assertEquals(List.of(), diff(completed(0x8D5), completed(0x8D5)));
    }

    @Test
    void differences_exceptionVersusCompletion_reportsOutcomeOnly() {
        List<String> d = diff(exception(6, 0, 0), completed(0));

        assertEquals(1, d.size());
        assertTrue(d.get(0).startsWith("outcome: host EXCEPTION #6, jefevm COMPLETED"), d.get(0));
    }

    @Test
    void differences_exceptionFields_areComparedWhereArchitectural() {
        assertTrue(diff(exception(13, 0, 0), exception(12, 0, 0)).get(0).startsWith("vector"));
        assertTrue(diff(exception(14, 7, 0x3000_0000L), exception(14, 5, 0x3000_0000L)).get(0).startsWith("error code"));
        assertTrue(diff(exception(14, 7, 0x3000_0000L), exception(14, 7, 0x3000_0008L)).get(0).startsWith("cr2"));
        assertEquals(List.of(), diff(exception(6, 1, 0), exception(6, 2, 0)), "#UD has no error code to compare");
    }

    @Test
    void differences_eachGeneralRegister_isDetected() {
        for (int i = 0; i < 16; i++) {
            long[] gpr = new long[16];
            gpr[i] = 1;
            CaseResult jefe = result(CaseResult.Outcome.COMPLETED, 0, 0, 0, gpr, 0x1000_0002L, 0, 0x1F80, new long[32],
                    X87State.initial(), new int[0], new byte[0]);

            assertEquals(List.of(StateText.GPR_NAMES[i] + ": host 0, jefevm 1"), diff(completed(0), jefe));
        }
    }

    @Test
    void differences_ripAndVectorState_areDetected() {
        CaseResult base = completed(0);
        CaseResult rip = result(CaseResult.Outcome.COMPLETED, 0, 0, 0, new long[16], 0x1000_0003L, 0, 0x1F80,
                new long[32], X87State.initial(), new int[0], new byte[0]);
        CaseResult mxcsr = result(CaseResult.Outcome.COMPLETED, 0, 0, 0, new long[16], 0x1000_0002L, 0, 0x1FA0,
                new long[32], X87State.initial(), new int[0], new byte[0]);
        long[] xmm = new long[32];
        xmm[31] = 1;
        CaseResult xmm15 = result(CaseResult.Outcome.COMPLETED, 0, 0, 0, new long[16], 0x1000_0002L, 0, 0x1F80, xmm,
                X87State.initial(), new int[0], new byte[0]);

        assertTrue(diff(base, rip).get(0).startsWith("rip"));
        assertTrue(diff(base, mxcsr).get(0).startsWith("mxcsr"));
        assertTrue(diff(base, xmm15).get(0).startsWith("xmm15"));
    }

    @Test
    void differences_eachComparedFlag_isDetectedUnlessMasked() {
        for (long flag : new long[] {CpuState.CF, CpuState.PF, CpuState.AF, CpuState.ZF, CpuState.SF, CpuState.OF,
            CpuState.DF}) {
            assertEquals(1, diff(completed(0), completed(flag)).size(), Long.toHexString(flag));
            assertEquals(List.of(), Comparison.differences(caseMasking(flag, 0), completed(0), completed(flag)));
        }
        assertEquals(List.of(), diff(completed(0), completed(CpuState.IF | CpuState.RF)), "system flags not compared");
    }

    @Test
    void differences_x87Fields_areDetectedAndUndefinedConditionCodesMasked() {
        X87State base = X87State.initial();
        long[] mantissa = new long[8];
        mantissa[3] = 1;
        X87State st3 = new X87State(0x37F, 0, 0, mantissa, new int[8]);
        X87State control = new X87State(0x27F, 0, 0, new long[8], new int[8]);
        X87State tags = new X87State(0x37F, 0, 0x80, new long[8], new int[8]);
        X87State c0 = new X87State(0x37F, UndefinedFlags.C0, 0, new long[8], new int[8]);

        assertTrue(diff(withX87(base), withX87(st3)).get(0).startsWith("st3"));
        assertTrue(diff(withX87(base), withX87(control)).get(0).startsWith("fcw"));
        assertTrue(diff(withX87(base), withX87(tags)).get(0).startsWith("ftw"));
        assertTrue(diff(withX87(base), withX87(c0)).get(0).startsWith("fsw"));
        assertEquals(List.of(), Comparison.differences(caseMasking(0, UndefinedFlags.C0), withX87(base), withX87(c0)));
    }

    private static CaseResult withX87(X87State x87) {
        return result(CaseResult.Outcome.COMPLETED, 0, 0, 0, new long[16], 0x1000_0002L, 0, 0x1F80, new long[32], x87,
                new int[0], new byte[0]);
    }

    @Test
    void differences_memoryWritten_detectsValueAndWhoWrote() {
        CaseResult host = withMemory(new int[] {4, 9}, new byte[] {1, 2});
        CaseResult jefe = withMemory(new int[] {4, 10}, new byte[] {3, 2});

        assertEquals(List.of("memory +4: host 01, jefevm 03", "memory +9: host wrote 02, jefevm left it",
                "memory +a: jefevm wrote 02, host left it"), diff(host, jefe));
    }

    @Test
    void differences_excludedGpr_isSkippedWhileOthersAreCompared() {
        CpuCase rdtsc = new CpuCase(Family.SYSTEM, "rdtsc", new byte[] {0x0F, 0x31}, new long[16], 0, 0x1F80,
                new long[32], X87State.initial(), 1, List.of(), 0, 0, 1 << CpuState.RAX | 1 << CpuState.RDX, "time");
        long[] host = new long[16], jefe = new long[16];
        host[CpuState.RAX] = 0x1234;
        host[CpuState.RDX] = 0x5;
        host[CpuState.RBX] = 1;
        CaseResult h = result(CaseResult.Outcome.COMPLETED, 0, 0, 0, host, 0x1000_0002L, 0, 0x1F80, new long[32],
                X87State.initial(), new int[0], new byte[0]);
        CaseResult j = result(CaseResult.Outcome.COMPLETED, 0, 0, 0, jefe, 0x1000_0002L, 0, 0x1F80, new long[32],
                X87State.initial(), new int[0], new byte[0]);

        List<String> d = Comparison.differences(rdtsc, h, j);

        assertEquals(1, d.size());
        assertTrue(d.get(0).startsWith("rbx"), d.get(0));
    }
}
