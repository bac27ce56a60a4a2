package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jefevm.core.cpu.CpuState;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The oracle protocol end to end on fixed cases with known answers, and JefeVM's runner on the
 * same cases (skipped, with the reason, when the build could not make the oracle).
 */
class OracleProcessTest {

    private static CpuCase fixed(byte[] code, long rax, long rbx) {
        long[] gpr = new long[16];
        gpr[CpuState.RAX] = rax;
        gpr[CpuState.RBX] = rbx;
        gpr[CpuState.RSP] = GuestLayout.DEFAULT_RSP;
        return new CpuCase(Family.INTEGER_ALU, "fixed", code, gpr, 0, 0x1F80, new long[32], X87State.initial(), 5,
                List.of(), 0, 0);
    }

    private static CaseResult onHost(CpuCase c) throws IOException {
        OracleProcess.Availability a = OracleProcess.locate();
        assumeTrue(a.available(), a.reason());
        try (OracleProcess oracle = OracleProcess.start(a.binary())) {
            return oracle.run(c);
        }
    }

    @Test
    void run_addEaxEbx_givesSumFlagsAndEndRip() throws IOException {
        CpuCase add = fixed(new byte[] {0x01, (byte) 0xD8}, 0xFFFF_FFFF_7FFF_FFFFL, 1); // add eax, ebx

        CaseResult host = onHost(add);

        assertAll(() -> assertEquals(CaseResult.Outcome.COMPLETED, host.outcome()),
                () -> assertEquals(0x8000_0000L, host.gpr()[CpuState.RAX], "32-bit result zero-extends"),
                () -> assertEquals(CpuState.OF | CpuState.SF | CpuState.AF | CpuState.PF,
                        host.rflags() & CpuState.ARITH_FLAGS),
                () -> assertEquals(GuestLayout.CODE_BASE + 2, host.rip()),
                () -> assertEquals(List.of(), Comparison.differences(add, host, new JefeVmRunner().run(add))));
    }

    @Test
    void run_writeToReadOnlyPage_isPageFaultWithWriteUserPresentErrorCode() throws IOException {
        // mov [rbx], eax with RBX in the read-only page
        CpuCase write = fixed(new byte[] {(byte) 0x89, 0x03}, 1, GuestLayout.READ_ONLY_BASE + 0x10);

        CaseResult host = onHost(write);

        assertAll(() -> assertEquals(CaseResult.Outcome.EXCEPTION, host.outcome()),
                () -> assertEquals(14, host.vector()),
                () -> assertEquals(7, host.errorCode() & 7, "P | W | U"),
                () -> assertEquals(GuestLayout.READ_ONLY_BASE + 0x10, host.faultAddress()),
                () -> assertEquals(GuestLayout.CODE_BASE, host.rip(), "RIP at the faulting instruction"),
                () -> assertEquals(List.of(), Comparison.differences(write, host, new JefeVmRunner().run(write))));
    }

    @Test
    void run_ud2_isInvalidOpcode() throws IOException {
        CaseResult host = onHost(fixed(new byte[] {0x0F, 0x0B}, 0, 0));

        assertAll(() -> assertEquals(CaseResult.Outcome.EXCEPTION, host.outcome()), () -> assertEquals(6, host.vector()));
    }
}
