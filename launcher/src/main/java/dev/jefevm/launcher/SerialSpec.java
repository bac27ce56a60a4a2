package dev.jefevm.launcher;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where COM1 goes, as {@code --serial} names it: {@code stdio} (this terminal or pipe) or
 * {@code file:PATH} (guest output written to PATH, no input).
 *
 * @param file the output file, or null for stdio
 */
public record SerialSpec(Path file) {

    public static final SerialSpec STDIO = new SerialSpec(null);

    public boolean isStdio() {
        return file == null;
    }

    /** Parses {@code stdio} or {@code file:PATH}. */
    public static final class Converter implements ITypeConverter<SerialSpec> {
        @Override
        public SerialSpec convert(String text) {
            if (text.equals("stdio")) {
                return STDIO;
            }
            if (text.startsWith("file:") && text.length() > 5) {
                return new SerialSpec(Path.of(text.substring(5)));
            }
            throw new TypeConversionException("'" + text + "' is not a serial backend (available: stdio, file:PATH)");
        }
    }
}
