package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.uart.StreamSerialBackend;
import dev.jefevm.loader.limine.KernelLoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A scripted serial conversation with a headless, deterministic machine booting the bundled
 * JefeOS on the default back end (the JIT) unless a constructor names another: run until some text appears (bounded by an instruction budget, not wall-clock time),
 * type a line, collect what the guest answered.
 */
final class GuestConsole implements AutoCloseable {

    static final String PROMPT = "jefeos> ";
    /** Instructions per slice between input deliveries and transcript checks. */
    private static final long SLICE = 200_000;

    private final ByteArrayOutputStream serialOut = new ByteArrayOutputStream();
    private final Machine machine;
    private int mark;
    private MachineEvent lastEvent = MachineEvent.RUNNING;

    GuestConsole(long ramSize) throws KernelLoadException, IOException {
        this(ramSize, java.util.List.of());
    }

    GuestConsole(long ramSize, java.util.List<dev.jefevm.loader.limine.BootModule> modules)
            throws KernelLoadException, IOException {
        this(ramSize, modules, true);
    }

    /** A console on a machine whose clock is deterministic or, with {@code deterministic} false, follows the host. */
    GuestConsole(long ramSize, java.util.List<dev.jefevm.loader.limine.BootModule> modules, boolean deterministic)
            throws KernelLoadException, IOException {
        this(ramSize, "", modules, deterministic);
    }

    /** A console whose kernel gets {@code cmdline} as its command line (as {@code jefevm run --cmdline}). */
    GuestConsole(long ramSize, String cmdline, java.util.List<dev.jefevm.loader.limine.BootModule> modules,
            boolean deterministic) throws KernelLoadException, IOException {
        this(ramSize, cmdline, modules, deterministic, JitOptions.defaults());
    }

    /** A deterministic console on the JIT with {@code jit}, or on the interpreter when it is null. */
    static GuestConsole onBackEnd(long ramSize, JitOptions jit) throws KernelLoadException, IOException {
        return new GuestConsole(ramSize, "", java.util.List.of(), true, jit);
    }

    private GuestConsole(long ramSize, String cmdline, java.util.List<dev.jefevm.loader.limine.BootModule> modules,
            boolean deterministic, JitOptions jit) throws KernelLoadException, IOException {
        byte[] kernel;
        try (InputStream in = GuestConsole.class.getResourceAsStream(RunCommand.BUNDLED_KERNEL)) {
            if (in == null) {
                throw new IOException("the bundled kernel " + RunCommand.BUNDLED_KERNEL + " is not on the classpath");
            }
            kernel = in.readAllBytes();
        }
        machine = Machine.create(new MachineConfig(kernel, "bundled JefeOS", ramSize, cmdline, modules, deterministic,
                new StreamSerialBackend(null, serialOut, "test", true), MachineConfig.DEFAULT_FRAMEBUFFER,
                BootTimingListener.NONE, () -> 0L).withJit(jit));
    }

    Machine machine() {
        return machine;
    }

    /** Everything the guest has written to COM1, carriage returns removed. */
    String transcript() {
        return serialOut.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
    }

    /**
     * Runs until {@code text} appears after the mark, the machine stops, or the budget is used
     * up; returns the output from the mark up to and including {@code text}, and moves the mark
     * past it.
     */
    String runUntil(String text, long instructionBudget) {
        long spent = 0;
        while (true) {
            String t = transcript();
            int at = t.indexOf(text, mark);
            if (at >= 0) {
                String seen = t.substring(mark, at + text.length());
                mark = at + text.length();
                return seen;
            }
            if (lastEvent != MachineEvent.RUNNING && lastEvent != MachineEvent.IDLE) {
                fail("machine stopped (" + lastEvent + ": " + machine.stopDetail() + ") before '" + text
                        + "' appeared; transcript:\n" + t);
            }
            if (spent >= instructionBudget) {
                fail("'" + text + "' did not appear within " + instructionBudget + " instructions; transcript:\n" + t);
            }
            lastEvent = machine.run(SLICE);
            spent += SLICE;
        }
    }

    /** Runs until the machine reports an event other than running or idling (or the budget ends). */
    MachineEvent runUntilStopped(long instructionBudget) {
        long spent = 0;
        while (spent < instructionBudget) {
            lastEvent = machine.run(SLICE);
            spent += SLICE;
            if (lastEvent != MachineEvent.RUNNING && lastEvent != MachineEvent.IDLE) {
                return lastEvent;
            }
        }
        return lastEvent;
    }

    /** Handles a reset request as the runner does: reboot the machine and carry on. */
    void reboot() throws KernelLoadException {
        machine.reboot();
        lastEvent = MachineEvent.RUNNING;
    }

    /** Types {@code line} and Enter. */
    void type(String line) {
        machine.board().serialInbox().post(line + "\n");
    }

    /** Types a command and returns its output: what came after the echoed line, up to the next prompt. */
    String command(String line, long instructionBudget) {
        type(line);
        runUntil(line + "\n", instructionBudget);
        String out = runUntil(PROMPT, instructionBudget);
        return out.substring(0, out.length() - PROMPT.length());
    }

    @Override
    public void close() {
        machine.close();
    }
}
