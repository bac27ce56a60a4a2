package dev.jefevm.linuxuser.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A terminal's size as {@code TIOCGWINSZ}/{@code TIOCSWINSZ} exchange it: Linux
 * {@code struct winsize} (asm-generic/termios.h), four u16 fields, 8 bytes: rows, columns and the
 * pixel width and height (0 when the terminal does not say). Fields hold the unsigned values.
 */
public record WindowSize(int rows, int columns, int xpixel, int ypixel) {

    /** Bytes in struct winsize. */
    public static final int SIZE = 8;

    /** Reads the struct from {@code bytes[off..off+SIZE)} (little-endian, as on x86_64). */
    public static WindowSize decode(byte[] bytes, int off) {
        ByteBuffer b = ByteBuffer.wrap(bytes, off, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        return new WindowSize(Short.toUnsignedInt(b.getShort()), Short.toUnsignedInt(b.getShort()),
                Short.toUnsignedInt(b.getShort()), Short.toUnsignedInt(b.getShort()));
    }

    /** The struct's {@link #SIZE} bytes. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) rows).putShort((short) columns).putShort((short) xpixel).putShort((short) ypixel);
        return b.array();
    }
}
