package dev.jefevm.conformance.programs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One start of a Linux program, described the same way for the native run and the run under
 * JefeVM's user-mode runner: the executable, its arguments, the exact environment, the working
 * directory and the bytes fed to standard input. argv[0] is always the program's path, because
 * a native start through {@link ProcessBuilder} cannot choose it.
 *
 * @param program          the static x86_64 ELF executable
 * @param arguments        the arguments after argv[0]
 * @param environment      the whole environment (nothing is inherited from the test JVM)
 * @param workingDirectory the directory the program starts in
 * @param stdin            the bytes the program reads from standard input
 */
public record ProgramLaunch(Path program, List<String> arguments, Map<String, String> environment,
        Path workingDirectory, byte[] stdin) {

    /** The environment every comparison uses: small, fixed and locale-neutral. */
    public static final Map<String, String> FIXED_ENVIRONMENT = Map.of(
            "PATH", "/usr/bin:/bin",
            "LC_ALL", "C",
            "TZ", "UTC",
            "PROGRAM_TEST_VALUE", "jefevm = 42; spaces and\ttab");

    public ProgramLaunch {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
        stdin = stdin.clone();
    }

    /** The same launch started in another directory (each side gets its own copy of the files). */
    public ProgramLaunch in(Path directory) {
        return new ProgramLaunch(program, arguments, environment, directory, stdin);
    }

    /** The complete argument vector: the program's path, then the arguments. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(arguments.size() + 1);
        argv.add(program.toString());
        argv.addAll(arguments);
        return argv;
    }
}
