package dev.jefevm.launcher;

import ch.qos.logback.classic.Level;
import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.uart.SerialBackend;
import dev.jefevm.devices.uart.StreamSerialBackend;
import dev.jefevm.gui.DesktopWindow;
import dev.jefevm.gui.WindowSettings;
import dev.jefevm.launcher.monitor.MachineMonitorTarget;
import dev.jefevm.launcher.monitor.MonitorAddress;
import dev.jefevm.launcher.monitor.MonitorAddressConverter;
import dev.jefevm.launcher.monitor.MonitorProtocol;
import dev.jefevm.launcher.monitor.MonitorServer;
import dev.jefevm.loader.limine.BootModule;
import dev.jefevm.loader.limine.KernelLoadException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jefevm run}: boots a Limine-protocol kernel (by default the bundled JefeOS) in a new
 * VM with COM1 on this terminal or a file, and runs it until the guest powers off or the user
 * quits (Ctrl-A x). Option errors, unreadable files and kernels the loader rejects end with one
 * line on stderr and exit status 2.
 */
@Command(name = "run", description = "Boot a kernel in a new VM (serial console on this terminal).",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        footer = {"", "In a terminal, Ctrl-A x quits. Exit status: 0 guest powered off (or quit),",
            "1 guest halted with interrupts disabled, 2 usage error or bad kernel, 3 triple fault."})
final class RunCommand implements Callable<Integer> {

    /** Where the guest-kernel module's jar carries the JefeOS image. */
    static final String BUNDLED_KERNEL = "/jefeos/kernel.elf";

    @Spec
    private CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "FILE",
            description = "ELF64 kernel speaking the Limine boot protocol (default: the bundled JefeOS).")
    private Path kernel;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "512M", converter = MemorySizeConverter.class,
            description = "Guest RAM with K, M or G suffix, 32M..64G (default: ${DEFAULT-VALUE}).")
    private long memory;

    @Mixin
    private AccelOptions accel;

    @Mixin
    private DisplayOptions display;

    @Mixin
    private DiskOptions disks;

    @Option(names = "--serial", paramLabel = "stdio|file:PATH", defaultValue = "stdio",
            converter = SerialSpec.Converter.class,
            description = "Where COM1 goes: stdio (default) or file:PATH (output only).")
    private SerialSpec serial;

    @Option(names = "--cmdline", paramLabel = "STR", defaultValue = "",
            description = "Kernel command line.")
    private String cmdline;

    @Option(names = "--module", paramLabel = "FILE",
            description = "A file handed to the kernel as a Limine module (repeatable; its name is the module's path and cmdline).")
    private List<Path> modules = new ArrayList<>();

    @Option(names = "--deterministic",
            description = "Virtual time counts retired instructions (1 ns each): same input, same run.")
    private boolean deterministic;

    @Option(names = "--debug-exit",
            description = "Map isa-debug-exit at port 0xF4: a guest write V ends the VM with status (V << 1) | 1.")
    private boolean debugExit;

    @Option(names = "--boot-timing",
            description = "Print host milliseconds since process start at each guest boot milestone.")
    private boolean bootTiming;

    @Option(names = "--monitor", paramLabel = "unix:PATH|tcp:127.0.0.1:PORT", converter = MonitorAddressConverter.class,
            description = "Open the JSON-lines control channel (QMP-like) on a Unix socket or loopback TCP port.")
    private MonitorAddress monitor;

    @Option(names = {"-v", "--verbose"}, description = "Log more: -v for info, -vv for debug.")
    private boolean[] verbose = new boolean[0];

    @Override
    public Integer call() throws UsageException, InterruptedException {
        setLogLevel(verbose.length);
        JitOptions jit = accel.jitOptions();
        DisplayOptions.Kind displayKind = display.kind();
        PrintWriter err = spec.commandLine().getErr();
        byte[] image = readKernel();
        List<AttachedDisk> diskDevices = disks.open(disks.images(DefaultDisk.forUser()));
        String kernelName = kernel == null ? "bundled JefeOS" : kernel.toString();
        BootTimingReporter reporter = bootTiming ? new BootTimingReporter(err) : null;
        HostClock hostClock = new HostClock();
        TerminalMode terminal = new TerminalMode();
        // Input can arrive (and milestones fire) only once the machine exists; the reference is
        // set right after it is created and read by the input thread.
        AtomicReference<Machine> created = new AtomicReference<>();
        SerialBackend backend = openSerial(() -> {
            Machine m = created.get();
            if (m != null) {
                m.requestHostStop("Ctrl-A x");
            }
        });
        // Flush guest output first so a milestone line follows the serial text that preceded it.
        BootTimingListener timing = reporter == null ? BootTimingListener.NONE : milestone -> {
            created.get().board().flushSerialOutput();
            reporter.milestoneReached(milestone);
        };
        MachineConfig config = new MachineConfig(image, kernelName, memory, cmdline, readModules(), deterministic, backend,
                MachineConfig.DEFAULT_FRAMEBUFFER, timing, hostClock::nanosSinceProcessStart, debugExit, jit);
        Machine machine;
        try {
            machine = Machine.create(config);
        } catch (KernelLoadException e) {
            DiskOptions.closeAll(diskDevices);
            throw new UsageException(kernelName + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            backend.close();
            DiskOptions.closeAll(diskDevices);
            throw new UsageException("cannot allocate " + (memory >> 20) + "M of guest RAM (" + e.getMessage() + ")");
        }
        for (AttachedDisk disk : diskDevices) {
            machine.attachDisk(disk);
        }
        created.set(machine);
        MachineMonitorTarget target = new MachineMonitorTarget(machine);
        MonitorServer monitorServer = startMonitor(machine, target);
        DesktopWindow window;
        try {
            window = openWindow(displayKind, machine, target, config.jit() == null ? "interp" : "jit");
        } catch (UsageException e) {
            if (monitorServer != null) {
                monitorServer.close();
            }
            machine.close();
            throw e;
        }
        if (serial.isStdio() && TerminalMode.stdioIsTerminal()) {
            terminal.enterRaw();
        }
        VmRunner runner = new VmRunner(machine, err, () -> {
            closeWindow(window);
            if (monitorServer != null) {
                monitorServer.close();
            }
            machine.close();
            terminal.restore();
            if (reporter != null) {
                reporter.printSummary();
            }
            accel.report(err, machine.cpu().jitStats());
        });
        return runner.run();
    }

    /** Waits this long for the vCPU thread to run a monitor command before replying with an error. */
    private static final long MONITOR_VCPU_TIMEOUT_MILLIS = 5_000;

    private DesktopWindow openWindow(DisplayOptions.Kind kind, Machine machine, MachineMonitorTarget target,
            String backend) throws UsageException, InterruptedException {
        String name = display.name(kernel == null || kernel.getFileName() == null ? "JefeOS"
                : kernel.getFileName().toString());
        return WindowDisplay.open(kind, System.getenv(),
                (controls, settings) -> DesktopWindow.open(machine.framebuffer(), controls, settings),
                new MachineVmControls(machine, target), new WindowSettings(name, backend), spec.commandLine().getErr());
    }

    private static void closeWindow(DesktopWindow window) {
        if (window == null) {
            return;
        }
        try {
            window.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MonitorServer startMonitor(Machine machine, MachineMonitorTarget target) throws UsageException {
        if (monitor == null) {
            return null;
        }
        MonitorProtocol protocol = new MonitorProtocol(target, VersionProvider.version(),
                MONITOR_VCPU_TIMEOUT_MILLIS);
        try {
            return MonitorServer.start(monitor, protocol);
        } catch (IOException e) {
            machine.close();
            throw new UsageException("cannot open the monitor on " + monitor.socketAddress() + ": " + describe(e));
        }
    }

    private List<BootModule> readModules() throws UsageException {
        List<BootModule> result = new ArrayList<>();
        for (Path file : modules) {
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            try {
                result.add(new BootModule("/" + name, name, Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                throw new UsageException("module file '" + file + "' does not exist");
            } catch (IOException | OutOfMemoryError e) {
                throw new UsageException("cannot read module file '" + file + "': " + e.getMessage());
            }
        }
        return result;
    }

    private byte[] readKernel() throws UsageException {
        if (kernel == null) {
            try (InputStream in = RunCommand.class.getResourceAsStream(BUNDLED_KERNEL)) {
                if (in == null) {
                    throw new UsageException("no bundled kernel in this build (" + BUNDLED_KERNEL
                            + " is missing); pass --kernel FILE");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UsageException("cannot read the bundled kernel: " + e.getMessage());
            }
        }
        try {
            if (Files.isDirectory(kernel)) {
                throw new UsageException("kernel file '" + kernel + "' is a directory");
            }
            return Files.readAllBytes(kernel);
        } catch (NoSuchFileException e) {
            throw new UsageException("kernel file '" + kernel + "' does not exist");
        } catch (AccessDeniedException e) {
            throw new UsageException("kernel file '" + kernel + "' is not readable (permission denied)");
        } catch (IOException e) {
            throw new UsageException("cannot read kernel file '" + kernel + "': " + describe(e));
        }
    }

    private SerialBackend openSerial(Runnable quit) throws UsageException {
        if (serial.isStdio()) {
            return StreamSerialBackend.stdio(new ConsoleEscapeInput(new FileInputStream(FileDescriptor.in), quit));
        }
        try {
            return StreamSerialBackend.file(serial.file());
        } catch (IOException e) {
            throw new UsageException("cannot open serial output file '" + serial.file() + "': " + describe(e));
        }
    }

    /** A short reason for a host I/O failure (NIO exceptions carry only the path as message). */
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void setLogLevel(int verbosity) {
        if (verbosity == 0) {
            return;
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(verbosity == 1 ? Level.INFO : Level.DEBUG);
        }
    }
}
