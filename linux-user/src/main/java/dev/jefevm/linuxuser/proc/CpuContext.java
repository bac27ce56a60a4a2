package dev.jefevm.linuxuser.proc;

import dev.jefevm.core.cpu.CpuState;

/**
 * Copies the part of {@link CpuState} that differs between processes: general registers, RIP,
 * RFLAGS (with its lazily kept arithmetic flags), segments and their bases (FS for TLS), x87 and
 * SSE state, and CR3. The single CPU runs one process at a time; the scheduler saves the
 * running process's context here and loads the next one's.
 */
public final class CpuContext {

    private CpuContext() {
    }

    public static void copy(CpuState from, CpuState to) {
        System.arraycopy(from.gpr, 0, to.gpr, 0, 16);
        to.rip = from.rip;
        to.rflagsControl = from.rflagsControl;
        to.lazyOp = from.lazyOp;
        to.lazySize = from.lazySize;
        to.lazyResult = from.lazyResult;
        to.lazySrc = from.lazySrc;
        to.lazyDst = from.lazyDst;
        to.lazyFlags = from.lazyFlags;
        System.arraycopy(from.segSelector, 0, to.segSelector, 0, 6);
        System.arraycopy(from.segBase, 0, to.segBase, 0, 6);
        System.arraycopy(from.segLimit, 0, to.segLimit, 0, 6);
        System.arraycopy(from.segAttributes, 0, to.segAttributes, 0, 6);
        to.cpl = from.cpl;
        System.arraycopy(from.xmm, 0, to.xmm, 0, from.xmm.length);
        to.mxcsr = from.mxcsr;
        to.fpuControl = from.fpuControl;
        to.fpuStatus = from.fpuStatus;
        to.fpuTagWord = from.fpuTagWord;
        to.fpuOpcode = from.fpuOpcode;
        to.fpuIp = from.fpuIp;
        to.fpuDp = from.fpuDp;
        System.arraycopy(from.fpuMantissa, 0, to.fpuMantissa, 0, 8);
        System.arraycopy(from.fpuExponent, 0, to.fpuExponent, 0, 8);
        to.cr3 = from.cr3;
    }
}
