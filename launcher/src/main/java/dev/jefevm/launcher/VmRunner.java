package dev.jefevm.launcher;

import dev.jefevm.loader.limine.KernelLoadException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link Machine} on the calling thread until the guest or the host ends it, and turns
 * the ending into the process's exit status: power-off 0, halt with interrupts disabled 1,
 * triple fault 3, host request (Ctrl-A x, SIGINT/SIGTERM) 0, an isa-debug-exit write V the
 * status (V << 1) | 1. A reset reboots the machine and carries on. While the guest idles in HLT
 * with interrupts enabled, {@link Machine#idle()} spends the time until the next device timer,
 * serial input, a posted task or a stop request. A shutdown hook turns a signal into a clean stop:
 * it asks the machine to stop and waits (briefly) for this loop to restore the terminal.
 */
final class VmRunner {

    private static final Logger LOG = LoggerFactory.getLogger(VmRunner.class);

    /** Instructions per slice: between slices serial input is delivered and output flushed. */
    static final long SLICE = 1_000_000;

    private final Machine machine;
    private final PrintWriter err;
    private final Runnable cleanup;
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param cleanup run once when the loop ends, however it ends (restores the terminal,
     *     prints summaries)
     */
    VmRunner(Machine machine, PrintWriter err, Runnable cleanup) {
        this.machine = machine;
        this.err = err;
        this.cleanup = cleanup;
    }

    int run() throws UsageException, InterruptedException {
        Thread hook = Thread.ofPlatform().unstarted(this::stopForSignal);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return loop();
        } finally {
            try {
                cleanup.run();
            } finally {
                finished.countDown();
                removeHook(hook);
            }
        }
    }

    private int loop() throws UsageException, InterruptedException {
        while (true) {
            MachineEvent event = machine.run(SLICE);
            switch (event) {
                case RUNNING -> { }
                case IDLE -> machine.idle();
                case HALTED_INTERRUPTS_DISABLED -> {
                    err.println("jefevm: guest halted with interrupts disabled");
                    return ExitStatus.GUEST_HALTED;
                }
                case POWER_OFF -> {
                    LOG.info("guest powered off");
                    return ExitStatus.POWER_OFF;
                }
                case RESET -> reboot();
                case TRIPLE_FAULT -> {
                    err.println("jefevm: guest triple fault: " + machine.stopDetail());
                    return ExitStatus.TRIPLE_FAULT;
                }
                case HOST_REQUEST -> {
                    LOG.info("stopped: {}", machine.stopDetail());
                    return ExitStatus.POWER_OFF;
                }
                case DEBUG_EXIT -> {
                    LOG.info("guest exit through isa-debug-exit: status {}", machine.debugExitStatus());
                    return machine.debugExitStatus();
                }
            }
        }
    }

    private void reboot() throws UsageException {
        try {
            machine.reboot();
        } catch (KernelLoadException e) {
            throw new UsageException("cannot reboot: " + e.getMessage());
        }
    }

    private void stopForSignal() {
        if (finished.getCount() == 0) {
            return;
        }
        machine.requestHostStop("host signal");
        try {
            finished.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting (a signal): the hook is running or has run.
        }
    }
}
