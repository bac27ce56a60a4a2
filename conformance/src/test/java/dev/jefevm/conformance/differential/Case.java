package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.GuestLayout;
import dev.jefevm.conformance.X87State;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds one {@link CpuCase} for a generator: random registers (edge values mixed in), the
 * instruction bytes, a memory operand's base register pointing into the data area, patches.
 */
final class Case {

    final Random random;
    final Family family;
    final long[] gpr = new long[16];
    final long[] xmm = new long[32];
    long rflags;
    int mxcsr = 0x1F80;
    X87State x87 = X87State.initial();
    final ByteArrayOutputStream code = new ByteArrayOutputStream();
    final List<CpuCase.Patch> patches = new ArrayList<>();
    long undefinedFlags;
    int undefinedFpuStatus;
    String description = "";

    Case(Random random, Family family) {
        this.random = random;
        this.family = family;
        for (int i = 0; i < 16; i++) {
            gpr[i] = Values.edge(random, 8);
        }
        gpr[4] = GuestLayout.DEFAULT_RSP;
        for (int i = 0; i < 32; i++) {
            xmm[i] = random.nextLong();
        }
        rflags = random.nextLong() & 0xCD5; // arithmetic flags and DF
        if (random.nextInt(4) != 0) {
            rflags &= ~0x400L; // mostly DF clear, as compilers leave it
        }
    }

    Case describe(String text) {
        description = text;
        return this;
    }

    Case bytes(int... b) {
        for (int x : b) {
            code.write(x);
        }
        return this;
    }

    Case bytes(byte[] b) {
        code.writeBytes(b);
        return this;
    }

    /** Writes {@code size} little-endian bytes of {@code value}. */
    Case le(long value, int size) {
        for (int i = 0; i < size; i++) {
            code.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** Puts {@code value} ({@code size} bytes) at data-area offset {@code offset}. */
    Case poke(int offset, long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        patches.add(new CpuCase.Patch(offset, b));
        return this;
    }

    int codeLength() {
        return code.size();
    }

    CpuCase build() {
        return new CpuCase(family, description, code.toByteArray(), gpr.clone(), rflags, mxcsr, xmm.clone(), x87,
                random.nextLong(), List.copyOf(patches), undefinedFlags, undefinedFpuStatus);
    }
}
