package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Register files print in SDM order with hex values; zero XMM registers are left out. */
class StateTextTest {

    @Test
    void gprs_printsAllSixteenInEncodingOrder() {
        long[] gpr = new long[16];
        gpr[0] = 0xAB;
        gpr[15] = -1;

        assertEquals("rax=ab rcx=0 rdx=0 rbx=0 rsp=0 rbp=0 rsi=0 rdi=0 r8=0 r9=0 r10=0 r11=0 r12=0 r13=0 r14=0"
                + " r15=ffffffffffffffff", StateText.gprs(gpr));
    }

    @Test
    void xmms_printsOnlyNonZeroRegistersHighHalfFirst() {
        long[] xmm = new long[32];
        xmm[2 * 3] = 1;
        xmm[2 * 3 + 1] = 2;

        assertEquals("xmm3=0000000000000002_0000000000000001", StateText.xmms(xmm));
        assertEquals("xmm all zero", StateText.xmms(new long[32]));
    }
}
