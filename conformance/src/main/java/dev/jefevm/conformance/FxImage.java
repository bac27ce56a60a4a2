package dev.jefevm.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 512-byte FXSAVE64 image (SDM Vol.1 10.5.1, Table 10-2) through which x87, MXCSR and XMM
 * state travel to and from the native oracle: FCW at 0, FSW at 2, abridged FTW at 4, MXCSR at
 * 24, MXCSR_MASK at 28, ST(0)-ST(7) in 16-byte slots from 32, XMM0-15 from 160.
 */
final class FxImage {

    static final int SIZE = 512;
    private static final int ST0 = 32, XMM0 = 160;

    private FxImage() {
    }

    static byte[] encode(int mxcsr, long[] xmm, X87State x87) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) x87.control());
        b.putShort(2, (short) x87.status());
        b.put(4, (byte) x87.abridgedTags());
        b.putInt(24, mxcsr);
        b.putInt(28, 0xFFFF);
        for (int i = 0; i < 8; i++) {
            b.putLong(ST0 + 16 * i, x87.mantissa()[i]);
            b.putShort(ST0 + 16 * i + 8, (short) x87.exponent()[i]);
        }
        for (int i = 0; i < 32; i++) {
            b.putLong(XMM0 + 8 * i, xmm[i]);
        }
        return b.array();
    }

    static int mxcsr(ByteBuffer image) {
        return image.getInt(24);
    }

    static long[] xmm(ByteBuffer image) {
        long[] xmm = new long[32];
        for (int i = 0; i < 32; i++) {
            xmm[i] = image.getLong(XMM0 + 8 * i);
        }
        return xmm;
    }

    static X87State x87(ByteBuffer image) {
        long[] mantissa = new long[8];
        int[] exponent = new int[8];
        for (int i = 0; i < 8; i++) {
            mantissa[i] = image.getLong(ST0 + 16 * i);
            exponent[i] = image.getShort(ST0 + 16 * i + 8) & 0xFFFF;
        }
        return new X87State(image.getShort(0) & 0xFFFF, image.getShort(2) & 0xFFFF, image.get(4) & 0xFF,
                mantissa, exponent);
    }
}
