package dev.jefevm.launcher;

import ch.qos.logback.classic.Level;
import dev.jefevm.linuxuser.LinuxUser;
import dev.jefevm.linuxuser.LinuxUserException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jefevm user}: runs a static Linux x86_64 program on the JefeVM CPU with a host-side
 * Linux system-call layer (user-mode emulation, like qemu-x86_64). Options end at PROGRAM;
 * everything after it is the program's arguments. The program's standard streams are this
 * process's, and jefevm exits with the program's status (128 + N if signal N killed it).
 * A missing, non-ELF or non-x86_64 program is one line on stderr, status 2; a dynamically linked
 * one runs with its loader from the host file system.
 */
@Command(name = "user", description = "Run a static Linux x86_64 program in user mode on the JefeVM CPU.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        modelTransformer = UserCommand.OptionsEndAtProgram.class,
        footer = {"", "Example: jefevm user /bin/busybox sh -c 'echo $((6*7)) | cat'",
            "Exit status: the program's (128+N if killed by signal N), 2 for a usage error or bad program."})
final class UserCommand implements Callable<Integer> {

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "1G", converter = MemorySizeConverter.class,
            description = "Guest RAM for all the program's processes, K/M/G suffix, 32M..64G (default: ${DEFAULT-VALUE}).")
    private long memory;

    @Option(names = "-E", paramLabel = "NAME=VALUE",
            description = "Set an environment variable for the program (repeatable). The program starts with this process's environment, as under qemu-x86_64.")
    private List<String> environment = new ArrayList<>();

    @Option(names = "-U", paramLabel = "NAME", description = "Remove a variable from the program's environment (repeatable).")
    private List<String> unset = new ArrayList<>();

    @Option(names = "--strace", description = "Log every system call (name, arguments, result) to stderr.")
    private boolean strace;

    @Mixin
    private AccelOptions accel;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM", description = "The x86_64 Linux ELF program to run (static, or with its loader on this host).")
    private Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program.")
    private List<String> args = new ArrayList<>();

    /** Makes everything after PROGRAM an argument of the program, even words that look like options. */
    static final class OptionsEndAtProgram implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }

    @Spec
    private CommandSpec spec;

    private final InputStream in;
    private final OutputStream out;
    private final OutputStream err;
    private final Map<String, String> hostEnvironment;
    /** True when the streams are this process's descriptors 0-2, so terminal ioctls can reach the host terminal. */
    private final boolean hostStreams;

    /** Streams and environment of this process: the program talks to the terminal (or pipes) jefevm was given. */
    UserCommand() {
        this(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), System.getenv(), true);
    }

    UserCommand(InputStream in, OutputStream out, OutputStream err, Map<String, String> hostEnvironment) {
        this(in, out, err, hostEnvironment, false);
    }

    private UserCommand(InputStream in, OutputStream out, OutputStream err, Map<String, String> hostEnvironment,
            boolean hostStreams) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.hostEnvironment = hostEnvironment;
        this.hostStreams = hostStreams;
    }

    @Override
    public Integer call() throws UsageException {
        if (program == null) {
            // Nothing to run: say so with the synopsis, like other command-line tools (status 2, usage error).
            PrintWriter e = spec.commandLine().getErr();
            e.println("jefevm: user: no PROGRAM to run");
            CommandLine.Help help = spec.commandLine().getHelp();
            e.print(help.synopsisHeading() + help.synopsis(0));
            e.println("Try 'jefevm user --help' for more information.");
            e.flush();
            return ExitStatus.USAGE;
        }
        Map<String, String> env = new LinkedHashMap<>(hostEnvironment);
        for (String e : environment) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("-E expects NAME=VALUE, got '" + e + "'");
            }
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        for (String name : unset) {
            env.remove(name);
        }
        if (strace && LoggerFactory.getLogger("dev.jefevm.linuxuser") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.INFO);
        }
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(args);
        LinuxUser.Builder builder = LinuxUser.builder(program).args(argv).memory(memory).strace(strace)
                .stdin(in).stdout(out).stderr(err).hostTerminal(hostStreams).environment(env).jit(accel.jitOptions());
        LinuxUser user = builder.build();
        try {
            return user.run();
        } catch (LinuxUserException e) {
            throw new UsageException(e.getMessage());
        } finally {
            accel.report(spec.commandLine().getErr(), user.jitStats());
        }
    }
}
