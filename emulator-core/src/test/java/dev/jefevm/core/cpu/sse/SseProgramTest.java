package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole-path checks: machine code (assembled with GNU as) decoded by the standard decoder and run
 * by the interpreter in 64-bit mode, so the SSE rows, the dispatch and the executors meet.
 */
class SseProgramTest {

    private static final long CODE = 0x10000, DATA = 0x40000;

    private final SseMachine m = new SseMachine();

    @BeforeEach
    void enterLongMode() {
        // identity-map the first 1 GiB with 2 MiB pages (PML4 0x1000, PDPT 0x2000, PD 0x3000)
        m.cpu.memory.write64(0x1000, 0x2000 | 3);
        m.cpu.memory.write64(0x2000, 0x3000 | 3);
        for (int i = 0; i < 512; i++) {
            m.cpu.memory.write64(0x3000 + i * 8L, ((long) i << 21) | 0x83);
        }
        CpuState s = m.s;
        s.cr0 = 0x8000_0011L;
        s.cr3 = 0x1000;
        s.cr4 = 0x20 | SseMachine.CR4_OSFXSR | SseMachine.CR4_OSXMMEXCPT;
        s.efer = 0x500;
        s.segSelector[CpuState.CS] = 0x08;
        s.segAttributes[CpuState.CS] = 0xA9B;
        s.gpr[CpuState.RSP] = 0x80000;
        Flags.set(s, 2);
        m.cpu.mmu.flushAll();
    }

    private RunResult run(String hex) {
        byte[] code = HexFormat.of().parseHex(hex);
        m.cpu.memory.writeBytes(CODE, code, 0, code.length);
        m.s.rip = CODE;
        return m.cpu.run(10_000);
    }

    @Test
    void sse2Strlen_findsTerminatorAcrossChunks() {
        byte[] text = "JefeVM runs SSE2 string code.\0".getBytes(StandardCharsets.US_ASCII);
        m.cpu.memory.writeBytes(DATA, text, 0, text.length);

        // mov rdi,0x40000; pxor xmm0,xmm0; mov rax,rdi; 1: movdqu xmm1,[rax]; pcmpeqb xmm1,xmm0;
        // pmovmskb ecx,xmm1; test ecx,ecx; jnz 2f; add rax,16; jmp 1b; 2: bsf ecx,ecx; add rax,rcx; sub rax,rdi; hlt
        RunResult r = run("48c7c700000400660fefc04889f8f30f6f08660f74c8660fd7c985c975064883c010ebea"
                + "0fbcc94801c84829f8f4");

        assertEquals(RunResult.HALTED, r);
        assertEquals(text.length - 1, m.s.gpr[CpuState.RAX]);
    }

    @Test
    void scalarDoubleSequence_squareOfSquareRootTruncatesBelowThree() {
        // mov eax,3; cvtsi2sd xmm0,eax; sqrtsd xmm1,xmm0; mulsd xmm1,xmm1; cvttsd2si rbx,xmm1; movq rdx,xmm1; hlt
        RunResult r = run("b803000000f20f2ac0f20f51c8f20f59c9f2480f2cd966480f7ecaf4");

        assertEquals(RunResult.HALTED, r);
        assertEquals(2, m.s.gpr[CpuState.RBX]); // sqrt(3)^2 = 2.9999999999999996
        assertEquals(Double.doubleToLongBits(Math.sqrt(3) * Math.sqrt(3)), m.s.gpr[CpuState.RDX]);
        assertEquals(Mxcsr.PE, m.flags());
    }

    @Test
    void mmxSequence_saturatesBytesAndEmptiesX87Tags() {
        // mov rax,0x7f01ff0280fe0304; movq mm0,rax; paddusb mm0,mm0; movq rbx,mm0; emms; hlt
        RunResult r = run("48b80403fe8002ff017f480f6ec00fdcc0480f7ec30f77f4");

        assertEquals(RunResult.HALTED, r);
        assertEquals(0xFE02_FF04_FFFF_0608L, m.s.gpr[CpuState.RBX]);
        assertEquals(0, m.s.fpuTagWord);
    }
}
