package dev.jefevm.linuxuser.signal;

import dev.jefevm.core.cpu.CpuState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 512-byte FXSAVE image of the x87 and SSE state (SDM Vol.1 10.5.1, table 10-2), the
 * {@code fpstate} of a signal frame: FCW, FSW, abridged FTW, FOP, FIP, FDP, MXCSR and its mask,
 * ST0-ST7 (by stack order from TOP) and XMM0-XMM15.
 */
public final class FxsaveImage {

    private FxsaveImage() {
    }

    public static byte[] save(CpuState s) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) s.fpuControl).putShort(2, (short) s.fpuStatus).put(4, (byte) s.fpuTagWord)
                .putShort(6, (short) s.fpuOpcode).putLong(8, s.fpuIp).putLong(16, s.fpuDp)
                .putInt(24, s.mxcsr).putInt(28, 0xFFFF);
        int top = (s.fpuStatus >>> 11) & 7;
        for (int i = 0; i < 8; i++) {
            int phys = (top + i) & 7;
            b.putLong(32 + i * 16, s.fpuMantissa[phys]).putShort(40 + i * 16, (short) s.fpuExponent[phys]);
        }
        for (int i = 0; i < 32; i++) {
            b.putLong(160 + i * 8, s.xmm[i]);
        }
        return b.array();
    }

    public static void load(CpuState s, byte[] image) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        s.fpuControl = b.getShort(0) & 0xFFFF;
        s.fpuStatus = b.getShort(2) & 0xFFFF;
        s.fpuTagWord = b.get(4) & 0xFF;
        s.fpuOpcode = b.getShort(6) & 0x7FF;
        s.fpuIp = b.getLong(8);
        s.fpuDp = b.getLong(16);
        s.mxcsr = b.getInt(24) & 0xFFFF;
        int top = (s.fpuStatus >>> 11) & 7;
        for (int i = 0; i < 8; i++) {
            int phys = (top + i) & 7;
            s.fpuMantissa[phys] = b.getLong(32 + i * 16);
            s.fpuExponent[phys] = b.getShort(40 + i * 16) & 0xFFFF;
        }
        for (int i = 0; i < 32; i++) {
            s.xmm[i] = b.getLong(160 + i * 8);
        }
    }
}
