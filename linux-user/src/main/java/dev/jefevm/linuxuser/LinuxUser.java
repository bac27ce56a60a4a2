package dev.jefevm.linuxuser;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.BarePlatform;
import dev.jefevm.linuxuser.elf.ElfImage;
import dev.jefevm.linuxuser.fs.FdTable;
import dev.jefevm.linuxuser.fs.HostTerminal;
import dev.jefevm.linuxuser.fs.OpenFile;
import dev.jefevm.linuxuser.fs.StreamInput;
import dev.jefevm.linuxuser.fs.StreamOutput;
import dev.jefevm.linuxuser.fs.TerminalStream;
import dev.jefevm.linuxuser.mem.GuestFault;
import dev.jefevm.linuxuser.mem.GuestMemoryExhausted;
import dev.jefevm.linuxuser.proc.Process;
import dev.jefevm.linuxuser.sys.Kernel;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a static Linux x86_64 program on the JefeVM CPU at CPL 3, in the program's own address
 * space, with a host-side Linux system-call layer (the role of QEMU's linux-user mode): guest
 * paths are host paths, standard input and output are the builder's streams, and the program
 * may fork, exec and pipe between its processes. A dynamically linked program gets its loader
 * (PT_INTERP) from the host file system, as with qemu-user. {@link #run()} returns the program's exit
 * status (128 + N if signal N killed it). The CPU runs on the interpreter unless the builder asks
 * for the JIT.
 */
public final class LinuxUser {

    /** The environment a program gets unless the builder sets one. */
    static final Map<String, String> DEFAULT_ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/",
            "LANG", "C", "TERM", "dumb");
    static final long DEFAULT_MEMORY = 1L << 30;

    private static final Logger LOG = LoggerFactory.getLogger(LinuxUser.class);

    private final Builder config;
    private Cpu cpu;

    private LinuxUser(Builder config) {
        this.config = config;
    }

    public static Builder builder(Path program) {
        return new Builder(program);
    }

    /** Runs the program to its end; returns its exit status (killed by signal N: 128 + N). */
    public int run() throws LinuxUserException {
        ElfImage image = ElfImage.read(config.program);
        ElfImage interpreter = null;
        if (image.interpreter != null) {
            try {
                interpreter = ElfImage.read(Path.of(image.interpreter));
            } catch (LinuxUserException e) {
                throw new LinuxUserException(config.program + ": cannot load its dynamic loader: " + e.getMessage());
            }
        }
        PhysicalMemory memory;
        try {
            memory = new PhysicalMemory(config.memory);
        } catch (OutOfMemoryError e) {
            throw new LinuxUserException("cannot reserve " + (config.memory >> 20) + " MiB of guest RAM on this host: "
                    + e.getMessage());
        }
        VirtualClock clock = VirtualClock.realTime();
        cpu = new Cpu(new CpuState(), memory, new BarePlatform(clock));
        if (config.jit != null) {
            cpu.useJit(config.jit);
        }
        Kernel kernel = new Kernel(cpu, config.strace);
        HostTerminal terminal = config.hostTerminal ? HostTerminal.open() : null;
        FdTable fds = new FdTable();
        fds.add(standardStream(new StreamInput(config.stdin), terminal, 0), 0, false);
        fds.add(standardStream(new StreamOutput(config.stdout, 2), terminal, 1), 1, false);
        fds.add(standardStream(new StreamOutput(config.stderr, 3), terminal, 2), 2, false);
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : config.environment.entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        List<String> argv = config.argv != null ? config.argv : List.of(config.program.toString());
        try {
            kernel.start(image, interpreter, config.program.toAbsolutePath(), argv, env,
                    config.workingDirectory.toAbsolutePath().normalize(), fds);
        } catch (GuestMemoryExhausted e) {
            throw new LinuxUserException(config.program + ": does not fit in " + (config.memory >> 20)
                    + " MiB of guest RAM (--memory)");
        } catch (GuestFault e) {
            throw new LinuxUserException(config.program + ": its arguments and environment do not fit on the stack");
        }
        long started = System.nanoTime();
        int status;
        try {
            status = kernel.run();
        } finally {
            if (terminal != null) {
                terminal.restore(); // a program killed in raw mode must not leave the user's terminal raw
            }
        }
        if (LOG.isDebugEnabled()) {
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.debug("{} instructions in {} s: {} MIPS", clock.retiredInstructions(), String.format("%.3f", seconds),
                    String.format("%.1f", clock.retiredInstructions() / seconds / 1e6));
        }
        return Process.shellStatus(status);
    }

    /** The JIT's counters once {@link #run()} has started, or null on the interpreter (or before it). */
    public JitStats jitStats() {
        return cpu == null ? null : cpu.jitStats();
    }

    /** The stream itself, or a {@link TerminalStream} when it is host descriptor {@code hostFd} and that is a terminal. */
    private static OpenFile standardStream(OpenFile stream, HostTerminal terminal, int hostFd) {
        return terminal != null && terminal.isTerminal(hostFd) ? new TerminalStream(stream, terminal, hostFd) : stream;
    }

    /** Configures one run: program, arguments, environment, directory, streams and guest RAM. */
    public static final class Builder {
        private final Path program;
        private List<String> argv;
        private Map<String, String> environment = new LinkedHashMap<>(new java.util.TreeMap<>(DEFAULT_ENV));
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private long memory = DEFAULT_MEMORY;
        private boolean strace;
        private boolean hostTerminal;
        private JitOptions jit;

        private Builder(Path program) {
            this.program = Objects.requireNonNull(program, "program");
        }

        /** argv[0..]; by default just the program's path. */
        public Builder args(List<String> argv) {
            this.argv = List.copyOf(argv);
            return this;
        }

        public Builder environment(Map<String, String> env) {
            this.environment = new LinkedHashMap<>(env);
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in, "in");
            return this;
        }

        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out, "out");
            return this;
        }

        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err, "err");
            return this;
        }

        /** Guest RAM shared by all processes (a positive multiple of 4 KiB). */
        public Builder memory(long bytes) {
            if (bytes <= 0 || (bytes & 0xFFF) != 0) {
                throw new IllegalArgumentException("memory must be a positive multiple of 4 KiB: " + bytes);
            }
            this.memory = bytes;
            return this;
        }

        /** Logs every system call at INFO (name, arguments, result). */
        public Builder strace(boolean on) {
            this.strace = on;
            return this;
        }

        /**
         * Says the streams are jefevm's own descriptors 0, 1 and 2 (not in-memory ones): each that
         * is a host terminal then answers terminal ioctls (TCGETS, TIOCGWINSZ...) through the host.
         */
        public Builder hostTerminal(boolean on) {
            this.hostTerminal = on;
            return this;
        }

        /** Runs the CPU on the JIT with {@code options}; null (the default) keeps the interpreter. */
        public Builder jit(JitOptions options) {
            this.jit = options;
            return this;
        }

        public LinuxUser build() {
            return new LinuxUser(this);
        }
    }
}
