package dev.jefevm.core.cpu.decode;

import static dev.jefevm.core.cpu.decode.OpcodeTable.E;
import static dev.jefevm.core.cpu.decode.OpcodeTable.EB;
import static dev.jefevm.core.cpu.decode.OpcodeTable.G;
import static dev.jefevm.core.cpu.decode.OpcodeTable.H;
import static dev.jefevm.core.cpu.decode.OpcodeTable.IB;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_0F38;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_0F3A;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_VEX_0F38;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_VEX_0F3A;
import static dev.jefevm.core.cpu.decode.OpcodeTable.NP;
import static dev.jefevm.core.cpu.decode.OpcodeTable.P66;
import static dev.jefevm.core.cpu.decode.OpcodeTable.PF2;
import static dev.jefevm.core.cpu.decode.OpcodeTable.PF3;
import static dev.jefevm.core.cpu.decode.OpcodeTable.V;
import static dev.jefevm.core.cpu.decode.OpcodeTable.W;

/**
 * The decoder rows of the VEX-encoded general-register instructions, BMI1 and BMI2 (SDM Vol.2
 * Table with the VEX column; each instruction's page gives its VEX.pp, map and W), plus
 * the legacy 0F38/0F3A rows that sit beside MOVBE and the SSE4 maps: ADCX (66 0F38 F6), ADOX
 * (F3 0F38 F6), CRC32 (F2 0F38 F0/F1; 66 and REX.W select a 16- or 64-bit source of F1, REX.W a
 * 64-bit destination) and the SSE4.2 packed string compares PCMPESTRM/PCMPESTRI/PCMPISTRM/
 * PCMPISTRI (66 0F3A 60-63 ib). VEX.W=1 gives the 64-bit operand size like REX.W; VEX.L=1 and
 * a non-1111b vvvv on an instruction without a vvvv operand are rejected by the decoder.
 */
public final class BmiOpcodeMap {

    private BmiOpcodeMap() {
    }

    /** Adds the BMI, ADX, CRC32 and PCMPxSTRx rows to {@code t}. */
    public static void register(OpcodeTable t) {
        bmi(t);
        legacy(t);
    }

    private static void bmi(OpcodeTable t) {
        // operand order as in each instruction's SDM page: ModRM.reg, VEX.vvvv, ModRM.r/m unless noted
        t.add(MAP_VEX_0F38, 0xF2, NP, -1, Op.ANDN, 0, false, G, H, E);
        t.add(MAP_VEX_0F38, 0xF3, NP, 1, Op.BLSR, 0, false, H, E);   // destination in vvvv
        t.add(MAP_VEX_0F38, 0xF3, NP, 2, Op.BLSMSK, 0, false, H, E);
        t.add(MAP_VEX_0F38, 0xF3, NP, 3, Op.BLSI, 0, false, H, E);
        t.add(MAP_VEX_0F38, 0xF5, NP, -1, Op.BZHI, 0, false, G, E, H); // index in vvvv
        t.add(MAP_VEX_0F38, 0xF5, PF3, -1, Op.PEXT, 0, false, G, H, E);
        t.add(MAP_VEX_0F38, 0xF5, PF2, -1, Op.PDEP, 0, false, G, H, E);
        t.add(MAP_VEX_0F38, 0xF6, PF2, -1, Op.MULX, 0, false, G, H, E); // high half to reg, low half to vvvv; RDX implicit
        t.add(MAP_VEX_0F38, 0xF7, NP, -1, Op.BEXTR, 0, false, G, E, H);
        t.add(MAP_VEX_0F38, 0xF7, P66, -1, Op.SHLX, 0, false, G, E, H);
        t.add(MAP_VEX_0F38, 0xF7, PF3, -1, Op.SARX, 0, false, G, E, H);
        t.add(MAP_VEX_0F38, 0xF7, PF2, -1, Op.SHRX, 0, false, G, E, H);
        t.add(MAP_VEX_0F3A, 0xF0, PF2, -1, Op.RORX, 0, false, G, E, IB);
    }

    private static void legacy(OpcodeTable t) {
        t.add(MAP_0F38, 0xF6, P66, -1, Op.ADCX, 0, false, G, E);
        t.add(MAP_0F38, 0xF6, PF3, -1, Op.ADOX, 0, false, G, E);
        t.add(MAP_0F38, 0xF0, PF2, -1, Op.CRC32, 0, false, G, EB);
        t.add(MAP_0F38, 0xF1, PF2, -1, Op.CRC32, 0, false, G, E);
        t.add(MAP_0F3A, 0x60, P66, -1, Op.PCMPESTRM, 0, false, V, W, IB);
        t.add(MAP_0F3A, 0x61, P66, -1, Op.PCMPESTRI, 0, false, V, W, IB);
        t.add(MAP_0F3A, 0x62, P66, -1, Op.PCMPISTRM, 0, false, V, W, IB);
        t.add(MAP_0F3A, 0x63, P66, -1, Op.PCMPISTRI, 0, false, V, W, IB);
    }
}
