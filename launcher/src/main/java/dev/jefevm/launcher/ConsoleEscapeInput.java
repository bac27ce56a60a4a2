package dev.jefevm.launcher;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Host keyboard input on its way to the guest's serial port, with QEMU's escape key: Ctrl-A
 * followed by {@code x} quits the VM, Ctrl-A twice sends one Ctrl-A to the guest; any other
 * key after Ctrl-A is passed on together with the Ctrl-A. Everything else passes unchanged.
 */
final class ConsoleEscapeInput extends FilterInputStream {

    static final int CTRL_A = 0x01;

    private final Runnable quit;
    private boolean escapePending;
    private int carry = -1;

    ConsoleEscapeInput(InputStream in, Runnable quit) {
        super(in);
        this.quit = quit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /** Blocks until at least one byte survives escape processing, or the input ends. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int out = off;
        if (carry >= 0) {
            b[out++] = (byte) carry;
            carry = -1;
            return 1;
        }
        byte[] raw = new byte[len];
        while (out == off) {
            // Never read more raw bytes than fit: one escape can turn into two output bytes.
            int n = in.read(raw, 0, Math.max(1, len / 2));
            if (n < 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                int c = raw[i] & 0xFF;
                if (escapePending) {
                    escapePending = false;
                    if (c == 'x' || c == 'X') {
                        quit.run();
                        continue;
                    }
                    if (c != CTRL_A) {
                        b[out++] = (byte) CTRL_A; // not an escape sequence: deliver both keys
                    }
                    if (out - off < len) {
                        b[out++] = (byte) c;
                    } else {
                        carry = c;
                    }
                } else if (c == CTRL_A) {
                    escapePending = true;
                } else {
                    b[out++] = (byte) c;
                }
            }
        }
        return out - off;
    }
}
