package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import org.junit.jupiter.api.Test;

/**
 * The run loop's side of time and interrupts: device timers fire between blocks once the
 * virtual clock reaches their deadline, a halted CPU with IF set idles (deterministic mode) to
 * the next deadline and takes the interrupt the timer raised, and an NMI is taken regardless of IF but
 * blocks further NMIs until the next IRET (SDM Vol.3 6.7.1).
 */
class InterruptTimingTest {

    private static final long HANDLER = 0x11000, NMI_HANDLER = 0x12000;

    /** Points IDT vector 2 at {@link #NMI_HANDLER}, every other vector at {@link #HANDLER}. */
    private static void installIdtWithNmiHandler(TestMachine m) {
        InterpreterTest.installIdt(m, HANDLER);
        long low = (NMI_HANDLER & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((NMI_HANDLER >>> 16) & 0xFFFF) << 48;
        m.memory.write64(0x6000 + 2 * 16L, low);
        m.memory.write64(0x6008 + 2 * 16L, 0);
    }

    @Test
    void run_timerDeadlineReachedDuringLoop_firesTheTimerOnce() {
        TestMachine m = new TestMachine();
        m.code("ebfe"); // jmp $
        int[] fired = new int[1];
        long[] firedAt = new long[1];
        ClockTimer timer = m.platform.clock.newTimer("test", () -> {
            fired[0]++;
            firedAt[0] = m.platform.clock.nanos();
        });
        timer.arm(500);

        RunResult result = m.run(1_000);

        assertAll(() -> assertEquals(RunResult.BUDGET_EXHAUSTED, result), () -> assertEquals(1, fired[0]),
                () -> assertTrue(firedAt[0] >= 500 && firedAt[0] < 510, "fired at " + firedAt[0]),
                () -> assertFalse(timer.isArmed()));
    }

    @Test
    void run_periodicTimerRearmingItself_firesOncePerPeriod() {
        TestMachine m = new TestMachine();
        m.code("ebfe"); // jmp $
        int[] fired = new int[1];
        ClockTimer[] timer = new ClockTimer[1];
        timer[0] = m.platform.clock.newTimer("periodic", () -> {
            fired[0]++;
            timer[0].arm(timer[0].deadline() + 100);
        });
        timer[0].arm(100);

        m.run(1_000);

        assertEquals(9, fired[0]); // deadlines 100 ... 900; 1000 is reached as the budget ends, so the next run fires it
    }

    @Test
    void run_haltedWithTimerArmed_idlesToDeadlineAndTakesItsInterrupt() {
        TestMachine m = new TestMachine();
        installIdtWithNmiHandler(m);
        m.load(HANDLER, "bb01000000" + "48cf"); // mov ebx, 1 ; iretq
        m.code("fb" + "f4" + "b902000000" + "f4"); // sti ; hlt ; mov ecx, 2 ; hlt
        m.platform.clock.newTimer("irq", () -> m.platform.pendingVector = 0x20).arm(1_000_000);
        m.cpu.setIdleInRun(true);

        RunResult result = m.run(100);

        assertAll(() -> assertEquals(RunResult.HALTED, result), () -> assertEquals(1, m.reg(CpuState.RBX)),
                () -> assertEquals(2, m.reg(CpuState.RCX)),
                () -> assertEquals(1_000_000 + 4, m.platform.clock.nanos()), // idle to the deadline, then 4 instructions
                () -> assertEquals(TestMachine.CODE + 8, m.state.rip));
    }

    @Test
    void run_haltedWithoutIdleInRun_returnsHaltedUntilTheCallerAdvancesTime() {
        TestMachine m = new TestMachine();
        installIdtWithNmiHandler(m);
        m.load(HANDLER, "bb01000000" + "48cf"); // mov ebx, 1 ; iretq
        m.code("fb" + "f4" + "f4"); // sti ; hlt ; hlt
        m.platform.clock.newTimer("irq", () -> m.platform.pendingVector = 0x20).arm(1_000);
        RunResult first = m.run(100);
        m.platform.clock.idleUntil(m.platform.clock.nextDeadline()); // the machine loop's wait

        RunResult second = m.run(100);

        assertAll(() -> assertEquals(RunResult.HALTED, first), () -> assertEquals(RunResult.HALTED, second),
                () -> assertEquals(1, m.reg(CpuState.RBX)), () -> assertEquals(TestMachine.CODE + 3, m.state.rip));
    }

    @Test
    void run_haltedWithNoTimerArmed_returnsHaltedWithoutAdvancingTime() {
        TestMachine m = new TestMachine();
        m.code("fb" + "f4"); // sti ; hlt

        RunResult result = m.run(100);

        assertAll(() -> assertEquals(RunResult.HALTED, result), () -> assertTrue(m.state.halted),
                () -> assertEquals(2, m.platform.clock.nanos()));
    }

    @Test
    void run_haltedWithInterruptsDisabledAndTimerArmed_returnsHaltedWithoutIdling() {
        TestMachine m = new TestMachine();
        m.code("fa" + "f4"); // cli ; hlt
        m.cpu.setIdleInRun(true);
        ClockTimer timer = m.platform.clock.newTimer("irq", () -> m.platform.pendingVector = 0x20);
        timer.arm(1_000_000);

        RunResult result = m.run(100);

        assertAll(() -> assertEquals(RunResult.HALTED, result), () -> assertEquals(2, m.platform.clock.nanos()),
                () -> assertTrue(timer.isArmed()));
    }

    @Test
    void run_nmiPendingWithInterruptsDisabled_deliversVectorTwoAndWakesHlt() {
        TestMachine m = new TestMachine();
        installIdtWithNmiHandler(m);
        m.load(NMI_HANDLER, "bb02000000" + "f4"); // mov ebx, 2 ; hlt
        m.code("fa" + "f4"); // cli ; hlt
        m.run(10);
        m.platform.nmi = true;

        RunResult result = m.run(10);

        assertAll(() -> assertEquals(RunResult.HALTED, result), () -> assertEquals(2, m.reg(CpuState.RBX)),
                () -> assertEquals(1, m.platform.nmisAcknowledged), () -> assertTrue(m.state.nmiBlocked),
                () -> assertEquals(TestMachine.CODE + 2, m.memory.read64(m.reg(CpuState.RSP))));
    }

    @Test
    void run_secondNmiDuringHandler_waitsUntilIret() {
        TestMachine m = new TestMachine();
        installIdtWithNmiHandler(m);
        // NMI handler: inc ebx ; iretq
        m.load(NMI_HANDLER, "ffc3" + "48cf");
        m.code("f4" + "f4"); // hlt ; hlt
        m.platform.nmi = true;
        m.run(2); // takes the NMI, then runs inc ebx (the budget ends before IRETQ)
        m.platform.nmi = true; // a second NMI arrives inside the handler

        boolean blockedInHandler = m.platform.nmi && m.state.nmiBlocked && m.reg(CpuState.RBX) == 1;
        m.run(100);

        assertAll(() -> assertTrue(blockedInHandler), () -> assertEquals(2, m.reg(CpuState.RBX)),
                () -> assertEquals(2, m.platform.nmisAcknowledged), () -> assertFalse(m.platform.nmi));
    }

    @Test
    void run_nmiBlocked_maskableInterruptStillDelivered() {
        TestMachine m = new TestMachine();
        installIdtWithNmiHandler(m);
        m.load(HANDLER, "bb01000000" + "f4"); // mov ebx, 1 ; hlt
        m.code("fb" + "90" + "f4"); // sti ; nop ; hlt
        m.state.nmiBlocked = true;
        m.platform.nmi = true;
        m.platform.pendingVector = 0x20;

        m.run(100);

        assertAll(() -> assertEquals(1, m.reg(CpuState.RBX)), () -> assertEquals(0, m.platform.nmisAcknowledged),
                () -> assertTrue(m.platform.nmi));
    }
}
