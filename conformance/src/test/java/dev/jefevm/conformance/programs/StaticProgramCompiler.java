package dev.jefevm.conformance.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the test programs in {@code src/test/c/programs} with {@code gcc -O2 -static} into the
 * module's build folder, once per source content: the executable's name carries a hash of the
 * source and the flags, so an unchanged program is never rebuilt and an edited one always is.
 */
public final class StaticProgramCompiler {

    private static final List<String> FLAGS = List.of("-O2", "-static");
    private static final List<String> LIBRARIES = List.of("-lm");

    private final Path sourceDirectory;
    private final Path outputDirectory;

    public StaticProgramCompiler(Path sourceDirectory, Path outputDirectory) {
        this.sourceDirectory = sourceDirectory;
        this.outputDirectory = outputDirectory;
    }

    /** A compiler for this module's programs, writing into {@code <build folder>/programs-bin}. */
    public static StaticProgramCompiler forThisModule() {
        return new StaticProgramCompiler(TestBuildPaths.moduleDirectory().resolve("src/test/c/programs"),
                TestBuildPaths.buildDirectory().resolve("programs-bin"));
    }

    /** Whether gcc can be started at all (the tests skip, saying why, when it cannot). */
    public static boolean gccAvailable() {
        try {
            Process process = new ProcessBuilder("gcc", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns the executable for {@code <name>.c}, compiling it first if no current one exists. */
    public Path executable(String name) throws IOException, InterruptedException {
        return executable(name, List.of());
    }

    /**
     * Returns the executable for {@code <name>.c} built with {@code extraFlags} after the usual
     * ones, compiling it first if no current one exists.
     */
    public Path executable(String name, List<String> extraFlags) throws IOException, InterruptedException {
        Path source = sourceDirectory.resolve(name + ".c");
        byte[] text = Files.readAllBytes(source);
        Path target = outputDirectory.resolve(name + "-" + fingerprint(text, extraFlags));
        if (Files.isExecutable(target)) {
            return target;
        }
        Files.createDirectories(outputDirectory);
        Path partial = Files.createTempFile(outputDirectory, name, ".partial");
        Path log = Files.createTempFile(outputDirectory, name, ".log");
        List<String> command = new ArrayList<>();
        command.add("gcc");
        command.addAll(FLAGS);
        command.addAll(extraFlags);
        command.add("-o");
        command.add(partial.toString());
        command.add(source.toString());
        command.addAll(LIBRARIES);
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = gcc.waitFor(120, TimeUnit.SECONDS);
        String messages = Files.readString(log);
        Files.deleteIfExists(log);
        if (!finished || gcc.exitValue() != 0) {
            gcc.destroyForcibly();
            Files.deleteIfExists(partial);
            throw new IOException("gcc failed on " + source + ":\n" + messages);
        }
        // Parallel test JVMs may race here; the move is atomic so neither sees half a file.
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String fingerprint(byte[] source, List<String> extraFlags) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(source);
            digest.update(String.join(" ", FLAGS).getBytes(StandardCharsets.UTF_8));
            digest.update(String.join(" ", extraFlags).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
