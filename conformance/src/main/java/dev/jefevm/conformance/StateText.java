package dev.jefevm.conformance;

/** Formats register files for failure messages and the report. */
final class StateText {

    static final String[] GPR_NAMES = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    private StateText() {
    }

    static String gprs(long[] gpr) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(i == 0 ? "" : " ").append(GPR_NAMES[i]).append('=').append(Long.toHexString(gpr[i]));
        }
        return b.toString();
    }

    static String xmms(long[] xmm) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (xmm[2 * i] != 0 || xmm[2 * i + 1] != 0) {
                b.append(String.format("xmm%d=%016x_%016x ", i, xmm[2 * i + 1], xmm[2 * i]));
            }
        }
        return b.isEmpty() ? "xmm all zero" : b.toString().trim();
    }
}
