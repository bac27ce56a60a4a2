package dev.jefevm.linuxuser.signal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import org.junit.jupiter.api.Test;

class FaultSignalsTest {

    private final CpuState s = new CpuState();

    {
        s.rip = 0x401234;
    }

    @Test
    void x87Code_unmaskedZeroDivide_isFltDiv() {
        assertEquals(FaultSignals.FPE_FLTDIV, FaultSignals.x87Code(0x84 | 0x20, 0x037B));
    }

    @Test
    void x87Code_invalidBeatsEveryOtherFlag() {
        assertEquals(FaultSignals.FPE_FLTINV, FaultSignals.x87Code(0x3F, 0x0340));
    }

    @Test
    void x87Code_maskedFlagsAreIgnored() {
        assertAll(() -> assertEquals(FaultSignals.FPE_FLTRES, FaultSignals.x87Code(0x24, 0x035F)),
                () -> assertEquals(0, FaultSignals.x87Code(0x3F, 0x037F)));
    }

    @Test
    void simdCode_eachUnmaskedFlag_givesItsCode() {
        assertAll(() -> assertEquals(FaultSignals.FPE_FLTINV, FaultSignals.simdCode(0x1F80 & ~0x80 | 0x01)),
                () -> assertEquals(FaultSignals.FPE_FLTUND, FaultSignals.simdCode(0x1F80 & ~0x100 | 0x02)),
                () -> assertEquals(FaultSignals.FPE_FLTDIV, FaultSignals.simdCode(0x1F80 & ~0x200 | 0x04)),
                () -> assertEquals(FaultSignals.FPE_FLTOVF, FaultSignals.simdCode(0x1F80 & ~0x400 | 0x08)),
                () -> assertEquals(FaultSignals.FPE_FLTUND, FaultSignals.simdCode(0x1F80 & ~0x800 | 0x10)),
                () -> assertEquals(FaultSignals.FPE_FLTRES, FaultSignals.simdCode(0x1F80 & ~0x1000 | 0x20)));
    }

    @Test
    void simdCode_overflowWithMaskedInexact_isFltOvf() {
        assertEquals(FaultSignals.FPE_FLTOVF, FaultSignals.simdCode(0x1F80 & ~0x400 | 0x28));
    }

    @Test
    void xm_isSigfpeAtTheFaultingInstruction() {
        s.mxcsr = 0x1F80 & ~0x200 | 0x04;

        SignalFrame.Info info = FaultSignals.of(CpuFault.of(CpuFault.XM), s, false);

        assertAll(() -> assertEquals(Signals.SIGFPE, info.signo()),
                () -> assertEquals(FaultSignals.FPE_FLTDIV, info.code()),
                () -> assertEquals(0x401234, info.addressOrPid()), () -> assertEquals(CpuFault.XM, info.trapNumber()));
    }

    @Test
    void mf_usesTheX87StatusAndControlWords() {
        s.fpuControl = 0x0377; // OM unmasked
        s.fpuStatus = 0x80 | 0x08 | 0x20;

        SignalFrame.Info info = FaultSignals.of(CpuFault.of(CpuFault.MF), s, false);

        assertAll(() -> assertEquals(Signals.SIGFPE, info.signo()),
                () -> assertEquals(FaultSignals.FPE_FLTOVF, info.code()));
    }

    @Test
    void de_isIntegerDivide() {
        SignalFrame.Info info = FaultSignals.of(CpuFault.de(), s, false);

        assertAll(() -> assertEquals(Signals.SIGFPE, info.signo()), () -> assertEquals(FaultSignals.FPE_INTDIV, info.code()));
    }

    @Test
    void ac_isSigbusAdralnWithoutAddress() {
        SignalFrame.Info info = FaultSignals.of(CpuFault.of(CpuFault.AC, 0), s, false);

        assertAll(() -> assertEquals(Signals.SIGBUS, info.signo()), () -> assertEquals(FaultSignals.BUS_ADRALN, info.code()),
                () -> assertEquals(0, info.addressOrPid()));
    }

    @Test
    void bp_isSigtrapFromTheKernel() {
        SignalFrame.Info info = FaultSignals.of(CpuFault.of(CpuFault.BP), s, true);

        assertAll(() -> assertEquals(Signals.SIGTRAP, info.signo()), () -> assertEquals(FaultSignals.SI_KERNEL, info.code()));
    }

    @Test
    void gpFromAPrivilegedInstruction_isSigsegvWithAddressZero() {
        SignalFrame.Info info = FaultSignals.of(CpuFault.gp(0), s, false);

        assertAll(() -> assertEquals(Signals.SIGSEGV, info.signo()), () -> assertEquals(FaultSignals.SI_KERNEL, info.code()),
                () -> assertEquals(0, info.addressOrPid()), () -> assertEquals(0, info.errorCode()));
    }

    @Test
    void softwareInterruptThroughAKernelGate_reportsTheIdtEntryAsErrorCode() {
        SignalFrame.Info info = FaultSignals.of(CpuFault.of(0x80), s, true);

        assertAll(() -> assertEquals(Signals.SIGSEGV, info.signo()), () -> assertEquals(0x80 * 8 + 2, info.errorCode()));
    }

    @Test
    void ud_isIllegalOperand() {
        SignalFrame.Info info = FaultSignals.of(CpuFault.ud(), s, false);

        assertAll(() -> assertEquals(Signals.SIGILL, info.signo()), () -> assertEquals(FaultSignals.ILL_ILLOPN, info.code()),
                () -> assertEquals(0x401234, info.addressOrPid()));
    }
}
