package dev.jefevm.linuxuser.proc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.linuxuser.signal.SignalAction;
import dev.jefevm.linuxuser.signal.Signals;
import org.junit.jupiter.api.Test;

class ProcessTest {

    @Test
    void exitedStatus_putsTheCodeInBits15To8() {
        assertAll(() -> assertEquals(0x2A00, Process.exitedStatus(42)), () -> assertEquals(0xFF00, Process.exitedStatus(-1)));
    }

    @Test
    void signaledStatus_putsTheSignalInBits6To0() {
        assertEquals(11, Process.signaledStatus(11));
    }

    @Test
    void shellStatus_isCodeOr128PlusSignal() {
        assertAll(() -> assertEquals(42, Process.shellStatus(Process.exitedStatus(42))),
                () -> assertEquals(139, Process.shellStatus(Process.signaledStatus(11))));
    }

    @Test
    void raise_ignoredByDefault_isDiscarded() {
        Process p = new Process(1);

        p.raise(Signals.SIGCHLD);

        assertEquals(0, p.pendingSignals);
    }

    @Test
    void deliverableSignal_skipsBlockedOnes() {
        Process p = new Process(1);
        p.actions[Signals.SIGUSR1] = new SignalAction(0x1000, 0, 0, 0);
        p.raise(Signals.SIGUSR1);
        p.raise(Signals.SIGTERM);

        p.blockedSignals = Signals.bit(Signals.SIGUSR1);

        assertEquals(Signals.SIGTERM, p.deliverableSignal());
    }
}
