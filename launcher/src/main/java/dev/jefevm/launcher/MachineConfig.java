package dev.jefevm.launcher;

import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.devices.uart.SerialBackend;
import dev.jefevm.loader.limine.BootModule;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Everything needed to assemble a {@link Machine}: the kernel image, guest RAM size, kernel
 * command line and modules, time mode, the host end of COM1, the framebuffer shape, and where boot-timing
 * milestones go (with the host clock they are stamped by), whether the isa-debug-exit port exists, and
 * the CPU back end.
 *
 * @param kernelName how messages name the kernel (a file name or "bundled JefeOS")
 * @param debugExit  map the isa-debug-exit port at 0xF4 (a guest write V ends the VM with status (V << 1) | 1)
 * @param jit        run the CPU on the JIT with these options, or on the interpreter when null
 */
public record MachineConfig(byte[] kernel, String kernelName, long ramSize, String cmdline, List<BootModule> modules,
        boolean deterministic, SerialBackend serial, FramebufferGeometry framebuffer,
        BootTimingListener bootTiming, LongSupplier hostNanosSinceStart, boolean debugExit, JitOptions jit) {

    /** A configuration on the default back end, the JIT with its default options. */
    public MachineConfig(byte[] kernel, String kernelName, long ramSize, String cmdline, List<BootModule> modules,
            boolean deterministic, SerialBackend serial, FramebufferGeometry framebuffer,
            BootTimingListener bootTiming, LongSupplier hostNanosSinceStart, boolean debugExit) {
        this(kernel, kernelName, ramSize, cmdline, modules, deterministic, serial, framebuffer, bootTiming,
                hostNanosSinceStart, debugExit, JitOptions.defaults());
    }

    /** A configuration without the debug-exit port, on the default back end. */
    public MachineConfig(byte[] kernel, String kernelName, long ramSize, String cmdline, List<BootModule> modules,
            boolean deterministic, SerialBackend serial, FramebufferGeometry framebuffer,
            BootTimingListener bootTiming, LongSupplier hostNanosSinceStart) {
        this(kernel, kernelName, ramSize, cmdline, modules, deterministic, serial, framebuffer, bootTiming,
                hostNanosSinceStart, false);
    }

    /** This configuration on the JIT with {@code options}, or on the interpreter when null. */
    public MachineConfig withJit(JitOptions options) {
        return new MachineConfig(kernel, kernelName, ramSize, cmdline, modules, deterministic, serial, framebuffer,
                bootTiming, hostNanosSinceStart, debugExit, options);
    }

    /** The board's default display: 1024x768 at 32 bpp. */
    public static final FramebufferGeometry DEFAULT_FRAMEBUFFER = FramebufferGeometry.xrgb8888(1024, 768);

    /** A fixed wall-clock boot time for deterministic runs: 2026-01-01T00:00:00Z. */
    public static final long DETERMINISTIC_EPOCH_SECONDS = 1_767_225_600L;
}
