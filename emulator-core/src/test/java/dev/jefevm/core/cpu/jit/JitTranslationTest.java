package dev.jefevm.core.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each snippet runs once on the interpreter and once on the JIT (threshold 1, synchronous
 * compilation); the architectural state, memory and retired count must be identical, and the
 * JIT must really have run compiled code. Sources (GNU as, Intel syntax) are in the comments.
 */
class JitTranslationTest {

    /** ALU loop: add/xor/sub/and/or/cmp, adc (executor call), shl/shr/sar, inc, 8/16-bit ops, neg, imul, dec/jnz. */
    static final String ALU = "b92c01000048b8896745230100000048c7c30000040049c7c0ffffffff4801c84831c283ea074921d04109c14839d0"
            + "4983d20348c1e00348c1ea0541c1f90241ffc34100cc664129c549f7de4c6bf80748ffc975c8f4";
    /** Memory loop: loads, stores, RMW add/inc/sub, movzx/movsx/movsxd, lea, push/pop, setl, cmovg/cmovle, test/jz, rol. */
    static final String MEMORY = "b9c800000048c7c30000040048b88877665544332211488904cb488b53084801030fb67303480fbf7b054c6343014c8d"
            + "648b08888b00080000ff8304080000506a55415d415939fe0f9cc04c0f4ff2450f4efdf7c1030000007406298b0808000048d1c0ffc975aef4";
    /** Conditions: every Jcc after cmp, add, test, dec, shl and an 8-bit cmp, counting not-taken branches in memory. */
    static final String CONDITIONS = "b94000000048c7c30000040048c7c6feffff7f4889c869c0b179370039f07c0348ff03720448ff4308760448ff4310"
            + "7e0448ff4318700448ff4320780448ff43287a0448ff433001f0720448ff4338700448ff434085c07f0448ff43487e0448ff4350ffc87904"
            + "48ff43587c0448ff4360d1e0770448ff43683c807d0448ff4370ffc9758ef4";
    /** Calls: call rel / ret and call through a register (lea rip-relative) in a loop. */
    static final String CALLS = "b96400000031c0e80e000000488d150b000000ffd2ffc975eef44801c8c34883f05ac3";
    /**
     * IMUL r,r/m and r,r/m,imm at 16/32/64 bits, NEG/NOT on registers (incl. AH) and memory,
     * CBW/CWDE/CDQE/CWD/CDQ/CQO over edge values (0, 1, -1, 0x7F, 0xFFFF8000, 2^31, 2^63,
     * 2^63-1, a mixed pattern), each result and PUSHFQ's flags (OF and AF included) stored; Jcc,
     * SETcc, ADC and SBB read the flags IMUL and NEG leave; then CALL/JMP through a register and
     * through memory in a loop. Source: the test resources' jit-asm/arithmetic.s.
     */
    static final String ARITHMETIC = "48c7c30000040048c7c00000000048890348c7c0010000004889430848c7c0ffffffff4889431048c7c07f00000048894318"
            + "48b80080ffff000000004889432048b800000080000000004889432848b800000000000000804889433048b8f1debc9a7856"
            + "34124889433848b8ffffffffffffff7f48894340488dbb0001000031c9488b04cb488b54cb084989c04c0fafc29c41594c89"
            + "074c894f084989c2440fafd29c41594c8957104c894f184989c366440fafda9c41594c895f204c894f284c6b64cb08fd410f"
            + "92c5410f90c64c8967304c896f384c8977404469e045230100710349ffc772074981c7000100006644692ccbff7f9c41594c"
            + "896f484c894f504989c449f7dc9c41594c8967584c894f6048894768f75f689c41594c894f704889477848f75778f65f7949"
            + "83df004989d46641f7d441f6dc41f7d4f6dc4c89a78000000048898788000000488b44cb08669848898790000000488b44cb"
            + "0898669948898798000000488997a0000000489899488987a8000000488997b0000000488b44cb0848994911d74c89bfb800"
            + "00004881c7c0000000ffc183f9080f82ddfeffff488d154100000048899380000000b91400000031c0ffd2ff938000000048"
            + "8d3503000000ffe6f4ffc975ea488d35150000004889b38800000048898390000000ffa388000000f4f44801c8486bc003c3";
    /**
     * 128-bit SSE moves: MOVUPS/MOVUPD/MOVDQU loads and stores at misaligned addresses and across
     * a page boundary (the slow paths), MOVAPS/MOVDQA/MOVAPD/MOVNTDQ aligned, register to
     * register, mixed with executor-run PADDQ and MOVQ. Source: jit-asm/sse-moves.s.
     */
    static final String SSE_MOVES = "0f20e00d000200000f22e048c7c30000040048b8887766554433221148890348b800ffeeddccbbaa9948894308488983f80f"
            + "000048898300100000b9140000000f10030f28c8f30f7f8ccb00010000660f6f13660fd4d00f299300020000660fe7931002"
            + "0000660f109bfb0f0000f30f7f9bf40f0000660f28e3f30f6fac8b0001000066480f7ee84901c00f11a320020000660f7fab"
            + "30020000ffc975a266480f7ed0f4";

    /**
     * XCHG between registers at 8 (AL/AH/DH/BL/R10B), 16, 32 (zero-extending, ESI with itself)
     * and 64 bits, including the short 90+r forms with REX (XCHG RDX,RAX; XCHG R8,RAX), in a loop
     * storing RAX and RDX each iteration. Source: xchg rax,rdx / xchg eax,r9d / xchg r9w,dx /
     * xchg al,dh / xchg ah,bl / xchg r8,rax / xchg r10b,cl / xchg cl,r10b / add rax,rcx /
     * rol rdx,7 / xchg esi,esi / lea rsi,[rsi+rax] / two stores / dec ecx / jnz, from
     * RAX=0x1122334455667788, RDX=0x99aabbccddeeff00, R9=-1, ECX=40, RBX=0x40000.
     */
    static final String XCHG = "48c7c300000400b92800000048b8887766554433221148ba00ffeeddccbbaa9949c7c1ffffffff48924191664187d1"
            + "86f086dc49904186ca4486d14801c848c1c20787f6488d3406488904cb488994cb00020000ffc975cf4c898b000400004c8983"
            + "08040000f4";

    /**
     * LEAVE and RET imm16: a loop pushes two arguments and calls a function that builds a frame
     * (push rbp / mov rbp,rsp / sub rsp,48), squares its first argument through a local, adds the
     * second, then returns by LEAVE and RET 16; RAX and RSP are stored each iteration, RBP at the
     * end. Source: jit-asm style, assembled with GNU as from the sequence just described.
     */
    static final String LEAVE_RET_IMM = "48c7c300000400b91e00000048c7c5341200005153e818000000488904cb4889a4cb00020000ffc975e9"
            + "4889ab00040000f4554889e54883ec30488b4518488945f8480faf45f848034510c9c21000";

    /**
     * SHL/SHR/SAR by CL at 32 and 64 bits over edge values and counts 0, 1, 2, 7, 31, 32, 33, 63,
     * 64, 0xA1 and 0x120 (masked to 5/6 bits; only CL counts), each after a different
     * flag-setting operation so a zero count must keep its flags; SETcc, Jcc, CMOVcc and ADC read
     * the flags right after, PUSHFQ records all six; everything folded into R15. Source:
     * jit-asm/shifts-cl.s.
     */
    static final String SHIFTS_CL = "48c7c30000040048c7c00000000048890348c7c0010000004889430848c7c0ffffffff4889431048c7c07f00000048894318"
            + "48b80080ffff000000004889432048b800000080000000004889432848b800000000000000804889433048b8f1debc9a7856"
            + "34124889433848b8ffffffffffffff7f4889434048c783000100000000000048c783080100000100000048c7831001000002"
            + "00000048c783180100000700000048c783200100001f00000048c783280100002000000048c783300100002100000048c783"
            + "380100003f00000048c783400100004000000048c78348010000a100000048c78350010000200100004531ff31f64531d24a"
            + "8b8cd300010000488b04f34889c24989c14989c34531e44531ed4c39d048d3e0410f92c4410f90c54d6bff1f4901c79c415e"
            + "4d6bff1f4d01f74d6bff1f4d01e74d6bff1f4d01ef01f2d3ea730349ffc74d6bff1f4901d79c415e4d6bff1f4d01f74d85c9"
            + "49d3f94d0f48e14d6bff1f4d01cf4d6bff1f4d01e79c415e4d6bff1f4d01f741ffc341d3fb4983d3004d6bff1f4d01df9c41"
            + "5e4d6bff1f4d01f7488b04f34429d0d3e04d6bff1f4901c79c415e4d6bff1f4d01f7488b14f383f25a48d3ea9c415e4d6bff"
            + "1f4d01f74d6bff1f4901d7488b04f34801c048d3e8d3f89c415e4d6bff1f4d01f74d6bff1f4901c7488b14f348d1e2d3e270"
            + "0349ffc79c415e4d6bff1f4d01f74d6bff1f4901d749ffc24983fa0b0f82e3feffff48ffc64883fe090f82d3feffff4c89bb"
            + "00080000f4";

    /**
     * ROL/ROR by 1 and by immediates 0, 1, 13, 17, 31, 32, 33, 63, 64 and 0x41 (masked to 5/6
     * bits) at 32 and 64 bits over edge values, each after a different flag-setting operation
     * whose SF, ZF, PF and AF must survive; SETcc, Jcc and ADC read the flags right after, PUSHFQ
     * records all six; everything folded into R15. Source: jit-asm/rotates.s.
     */
    static final String ROTATES = "48c7c30000040048c7c00000000048890348c7c0010000004889430848c7c0ffffffff4889431048c7c07f00000048894318"
            + "48b80080ffff000000004889432048b800000080000000004889432848b800000000000000804889433048b8f1debc9a7856"
            + "34124889433848b8ffffffffffffff7f4889434048b800000000000000404889434848b8010000c000000000488943504531"
            + "ff31f6488b04f34889c24989c14989c34531e44531ed4839f048d1c0410f92c4410f90c54d6bff1f4901c79c415e4d6bff1f"
            + "4d01f74d6bff1f4d01e74d6bff1f4d01ef48c1c00d9c415e4d6bff1f4d01f74d6bff1f4901c701f2d1c2730349ffc79c415e"
            + "4d6bff1f4d01f74d6bff1f4901d7c1c21f9c415e4d6bff1f4d01f74d6bff1f4901d74d85c949d1c9700349ffc79c415e4d6b"
            + "ff1f4d01f74d6bff1f4d01cf49c1c93f9c415e4d6bff1f4d01f74d6bff1f4d01cf41ffc341d1cb4983d3009c415e4d6bff1f"
            + "4d01f74d6bff1f4d01df41c1cb119c415e4d6bff1f4d01f74d6bff1f4d01df89f1488b04f348d3e0c1c0009c415e4d6bff1f"
            + "4d01f74d6bff1f4901c783e803c1c0209c415e4d6bff1f4d01f74d6bff1f4901c7488b14f348c1ca409c415e4d6bff1f4d01"
            + "f74d6bff1f4901d7c1ca219c415e4d6bff1f4d01f74d6bff1f4901d74c8b0cf349f7d949c1c14149c1c90741c1c105410f94"
            + "c44d6bff1f4d01e79c415e4d6bff1f4d01f74d6bff1f4d01cf48ffc64883fe0b0f827ffeffff4c89bb00080000f4";

    /**
     * BT of a register by a register at 16, 32 and 64 bits (offsets 0, 1, 15, 31, 32, 63, 64, -1
     * and 0x1234, taken modulo the width) and by an immediate, each after a different flag-setting
     * operation whose other flags must survive; SETC, Jcc, ADC and CMOVcc read CF right after,
     * PUSHFQ records all six; BSWAP of 32-bit (zero-extending) and 64-bit registers. Everything
     * folded into R15. Source: jit-asm/bit-test-bswap.s.
     */
    static final String BIT_TEST_BSWAP = "48c7c30000040048c7c00000000048890348c7c0010000004889430848c7c0ffffffff4889431048c7c00080000048894318"
            + "48b80080ffff000000004889432048b800000080000000004889432848b800000000000000804889433048b8f1debc9a7856"
            + "34124889433848b801000000010000004889434048c783000100000000000048c783080100000100000048c783100100000f"
            + "00000048c783180100001f00000048c783200100002000000048c783280100003f00000048c783300100004000000048c783"
            + "38010000ffffffff48c78340010000341200004531ff31f64531d24a8b8cd300010000488b04f34531e44c39d0480fa3c841"
            + "0f92c44d6bff1f4d01e79c415e4d6bff1f4d01f701f00fa3c8730349ffc79c415e4d6bff1f4d01f74885c0660fa3c84983d7"
            + "009c415e4d6bff1f4d01f7ffc1480fbae03f4c0f42e04d6bff1f4d01e79c415e4d6bff1f4d01f783e9050fbae0219c415e4d"
            + "6bff1f4d01f7660fbae00f9c415e4d6bff1f4d01f7480fbae1009c415e4d6bff1f4d01f74c8b0cf34d01d1490fc94d6bff1f"
            + "4d01cf410fc94d6bff1f4d01cf4889c20fca4d6bff1f4901d7480fca9c415e4d6bff1f4d01f74d6bff1f4901d749ffc24983"
            + "fa090f8219ffffff48ffc64883fe090f8209ffffff4c89bb00080000f4";

    private static String runOn(boolean jit, String code, long budget) {
        JitTestMachine m = new JitTestMachine(jit);
        m.load(JitTestMachine.CODE, code);
        RunResult r = m.run(budget);
        if (jit && budget > 1000) {
            assertTrue(m.cpu.jitStats().unitEntries() > 0, "compiled code ran");
        }
        return r + " " + m.snapshot();
    }

    @ParameterizedTest
    @ValueSource(strings = {ALU, MEMORY, CONDITIONS, CALLS, ARITHMETIC, SSE_MOVES, XCHG, LEAVE_RET_IMM, SHIFTS_CL, ROTATES, BIT_TEST_BSWAP})
    void run_snippetOnJit_leavesTheInterpretersState(String code) {
        String interp = runOn(false, code, 1_000_000);

        String jit = runOn(true, code, 1_000_000);

        assertEquals(interp, jit);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 100, 1001, 4095})
    void run_withSmallBudgets_retiresExactlyTheInterpretersCount(long budget) {
        String interp = runOn(false, ALU, budget);

        String jit = runOn(true, ALU, budget);

        assertEquals(interp, jit);
    }
}
