package dev.jefevm.loader.elf;

/**
 * An ELF image this parser cannot accept: malformed, truncated, or outside what a Limine kernel
 * may be (ELF64, little-endian, x86_64, ET_EXEC, higher-half segments). The message is one line.
 */
public final class ElfFormatException extends Exception {

    public ElfFormatException(String message) {
        super(message);
    }
}
