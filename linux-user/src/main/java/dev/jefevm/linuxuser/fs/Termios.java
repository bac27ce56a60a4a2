package dev.jefevm.linuxuser.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Terminal settings as the Linux kernel's {@code TCGETS}/{@code TCSETS} ioctls exchange them:
 * {@code struct termios} of asm-generic/termbits.h (also x86's), 36 bytes: the input, output,
 * control and local mode words (u32 each), the line discipline (u8) and {@link #NCCS} control
 * characters. This is not glibc's larger {@code struct termios}; libc converts between the two.
 */
public record Termios(int iflag, int oflag, int cflag, int lflag, byte line, byte[] cc) {

    /** Control characters in the kernel's struct (asm-generic/termbits.h: NCCS). */
    public static final int NCCS = 19;
    /** Bytes in the kernel's struct termios. */
    public static final int SIZE = 4 * 4 + 1 + NCCS;

    public Termios {
        if (cc.length != NCCS) {
            throw new IllegalArgumentException("termios needs " + NCCS + " control characters, got " + cc.length);
        }
        cc = cc.clone();
    }

    /** Reads the struct from {@code bytes[off..off+SIZE)} (little-endian, as on x86_64). */
    public static Termios decode(byte[] bytes, int off) {
        ByteBuffer b = ByteBuffer.wrap(bytes, off, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int iflag = b.getInt();
        int oflag = b.getInt();
        int cflag = b.getInt();
        int lflag = b.getInt();
        byte line = b.get();
        byte[] cc = new byte[NCCS];
        b.get(cc);
        return new Termios(iflag, oflag, cflag, lflag, line, cc);
    }

    /** The struct's {@link #SIZE} bytes. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(iflag).putInt(oflag).putInt(cflag).putInt(lflag).put(line).put(cc);
        return b.array();
    }

    @Override
    public byte[] cc() {
        return cc.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Termios t && t.iflag == iflag && t.oflag == oflag && t.cflag == cflag && t.lflag == lflag
                && t.line == line && Arrays.equals(t.cc, cc);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return String.format("Termios[iflag=%#o, oflag=%#o, cflag=%#o, lflag=%#o, line=%d, cc=%s]", iflag, oflag, cflag,
                lflag, line, Arrays.toString(cc));
    }
}
