package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;

/**
 * CRC32 (SDM Vol.2 CRC32, SSE4.2): accumulates a CRC-32C (Castagnoli, polynomial 11EDC6F41H)
 * over an 8-, 16-, 32- or 64-bit source into the low 32 bits of the destination. The SDM
 * defines it on bit-reflected values without initial or final inversion, which is the usual
 * least-significant-bit-first table update with the reflected polynomial 82F63B78H, source
 * bytes taken from the lowest up. The 64-bit form (REX.W) zero-extends the result; flags are
 * unaffected.
 */
final class Crc32c {

    private static final int REFLECTED_POLYNOMIAL = 0x82F6_3B78;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c >>> 1) ^ ((c & 1) != 0 ? REFLECTED_POLYNOMIAL : 0);
            }
            TABLE[i] = c;
        }
    }

    private Crc32c() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        int sourceSize = insn.srcSize;
        int destSize = insn.has(Instruction.P_REXW) ? 8 : 4;
        long src = Operands.read(cpu, insn, 1, sourceSize);
        int crc = update((int) Operands.read(cpu, insn, 0, 4), src, sourceSize);
        Operands.write(cpu, insn, 0, destSize, crc & 0xFFFF_FFFFL);
    }

    /** The CRC-32C update of {@code crc} by the low {@code bytes} bytes of {@code data}. */
    static int update(int crc, long data, int bytes) {
        for (int i = 0; i < bytes; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ (int) (data >>> (8 * i))) & 0xFF];
        }
        return crc;
    }
}
