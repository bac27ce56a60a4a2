package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.devices.board.PcBoard;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.uart.StreamSerialBackend;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The machine-level wiring of issue 4: posted tasks, isa-debug-exit, the power button, idle time. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MachineWiringTest {

    private static final long RAM = 64L << 20;

    private static Machine machine(boolean debugExit) throws Exception {
        byte[] kernel;
        try (InputStream in = MachineWiringTest.class.getResourceAsStream(RunCommand.BUNDLED_KERNEL)) {
            kernel = in.readAllBytes();
        }
        return Machine.create(new MachineConfig(kernel, "bundled JefeOS", RAM, "", List.of(), true,
                new StreamSerialBackend(null, new ByteArrayOutputStream(), "test", true),
                MachineConfig.DEFAULT_FRAMEBUFFER, BootTimingListener.NONE, () -> 0L, debugExit));
    }

    @Test
    void debugExitWrite_endsRunnerWithOddStatus() throws Exception {
        try (Machine m = machine(true)) {
            m.post(() -> m.board().ioWrite(PcBoard.DEBUG_EXIT_PORT, 1, 2));

            int status = new VmRunner(m, new PrintWriter(new StringWriter()), () -> { }).run();

            assertEquals(5, status);
            assertEquals(5, m.debugExitStatus());
        }
    }

    @Test
    void post_runsTaskOnTheCallingVcpuThreadBeforeTheNextSlice() throws Exception {
        try (Machine m = machine(false)) {
            AtomicInteger runs = new AtomicInteger();
            Thread[] ranOn = new Thread[1];
            m.post(() -> {
                runs.incrementAndGet();
                ranOn[0] = Thread.currentThread();
            });

            m.run(1000);

            assertEquals(1, runs.get());
            assertEquals(Thread.currentThread(), ranOn[0]);
        }
    }

    @Test
    void pressPowerButton_setsPwrbtnStatusForTheGuest() throws Exception {
        try (Machine m = machine(false)) {
            m.pressPowerButton();

            m.run(1000);

            assertEquals(0x100, m.board().ioRead(PcBoard.PM1A_EVT_BLK, 2) & 0x100);
        }
    }

    @Test
    void idle_inDeterministicModeWithClosedInput_jumpsVirtualTimeToNextDeadline() throws Exception {
        try (Machine m = machine(false)) {
            m.board().serialInbox().closeInput();
            long start = m.clock().nanos();
            boolean[] fired = new boolean[1];
            m.clock().newTimer("test", () -> fired[0] = true).arm(start + 5_000_000_000L);

            m.idle();

            assertTrue(fired[0]);
            assertEquals(start + 5_000_000_000L, m.clock().nanos());
        }
    }
}
