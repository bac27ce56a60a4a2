package dev.jefevm.conformance.programs;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of our own C test programs, the gcc flags it is built with (beyond {@code -O2 -static}),
 * and the arguments, standard input and environment of one run. The name is what the
 * parameterized tests display; {@code source} is the file name (without {@code .c}) in
 * {@code src/test/c/programs}.
 *
 * @param name             the case's display name
 * @param source           the C source's base name
 * @param compilerFlags    extra gcc flags, e.g. {@code -mbmi2} to make gcc emit those instructions
 * @param arguments        the arguments after argv[0]
 * @param stdin            the text fed to standard input
 * @param extraEnvironment variables added to {@link ProgramLaunch#FIXED_ENVIRONMENT}
 */
public record ProgramCase(String name, String source, List<String> compilerFlags, List<String> arguments,
        String stdin, Map<String, String> extraEnvironment) {

    /**
     * glibc's tunable that hides CPU features from its function dispatch (names as in glibc
     * 2.36's cpu_features): with it, the string functions take their SSE2 baseline routines
     * even where the CPU advertises SSSE3 and SSE4.2, so both sets run under JefeVM.
     */
    private static final Map<String, String> SSE2_BASELINE = Map.of("GLIBC_TUNABLES",
            "glibc.cpu.hwcaps=-SSE4_2,-SSE4_1,-SSSE3,-AVX2,-AVX,-ERMS");

    /** Every extension JefeVM's CPUID advertises that gcc can use on integer code. */
    private static final List<String> INTEGER_EXTENSIONS =
            List.of("-mbmi", "-mbmi2", "-mlzcnt", "-mpopcnt", "-mmovbe", "-madx", "-msse4.2");

    public ProgramCase {
        compilerFlags = List.copyOf(compilerFlags);
        arguments = List.copyOf(arguments);
        extraEnvironment = Map.copyOf(extraEnvironment);
    }

    ProgramCase(String name, String source, List<String> arguments, String stdin) {
        this(name, source, List.of(), arguments, stdin, Map.of());
    }

    /** A case named {@code name} that runs {@code source} built with extra flags. */
    static ProgramCase built(String name, String source, List<String> compilerFlags) {
        return new ProgramCase(name, source, compilerFlags, List.of(), "", Map.of());
    }

    /** A case named after its source, run without arguments or input. */
    static ProgramCase of(String source) {
        return new ProgramCase(source, source, List.of(), "");
    }

    /** The whole environment of the run. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(ProgramLaunch.FIXED_ENVIRONMENT);
        environment.putAll(extraEnvironment);
        return environment;
    }

    /** Standard input as bytes. */
    byte[] stdinBytes() {
        return stdin.getBytes(StandardCharsets.UTF_8);
    }

    /** The cases every real-program test runs, cheapest first. */
    static List<ProgramCase> all() {
        return List.of(
                new ProgramCase("argsenv-status-7", "argsenv",
                        List.of("one", "two words", "", "ünïcødé", "--status", "7"), ""),
                new ProgramCase("argsenv-exit-200", "argsenv", List.of("--status", "200"), "ignored input\n"),
                new ProgramCase("terminate-segv", "terminate", List.of("segv"), ""),
                new ProgramCase("terminate-ill", "terminate", List.of("ill"), ""),
                new ProgramCase("terminate-divide", "terminate", List.of("divide"), ""),
                new ProgramCase("terminate-stdin", "terminate", List.of("stdin"), stdinText()),
                of("setjmp"),
                of("signals"),
                new ProgramCase("fileio", "fileio", List.of("."), ""),
                of("integer"),
                built("integer-extensions", "integer", INTEGER_EXTENSIONS),
                of("floating"),
                built("floating-sse4.1", "floating", List.of("-msse4.1")),
                of("strings"),
                new ProgramCase("strings-sse2-baseline", "strings", List.of(), List.of(), "", SSE2_BASELINE),
                built("strings-O3-x86-64-v2", "strings", List.of("-O3", "-march=x86-64-v2")),
                of("qsort"),
                of("malloc"),
                new ProgramCase("compute-small", "compute", List.of("2", "3000"), ""));
    }

    /** A few hundred lines of text, so that reads cross the runner's buffer sizes. */
    private static String stdinText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            text.append("line ").append(i).append(' ').append("x".repeat(i % 97)).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
