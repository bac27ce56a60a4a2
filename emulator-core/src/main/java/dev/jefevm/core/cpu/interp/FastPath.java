package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.sse.SseExecutor;
import dev.jefevm.core.cpu.x87.X87Executor;

/**
 * Dispatch by <em>form</em>: when a block is built, {@link #classify(Instruction)} gives each
 * instruction a small int naming either its executor family or, for the most frequent integer
 * shapes (MOV, the binary ALU operations, INC/DEC, SHL/SHR/SAR by an immediate, all on 32- or
 * 64-bit registers, a register load or store), a specialised form. {@link #execute} then runs a
 * dense int switch instead of the enum switch, and each form's body is a few lines the JIT
 * inlines. A form does exactly what the generic handler ({@link IntegerExecutor}) does for that
 * shape, flags included (SDM Vol.1 3.4.1.1: 32-bit register results zero-extend); anything else
 * takes the generic path. The interpreter handles {@link #SYSTEM} itself.
 */
public final class FastPath {

    public static final int INTEGER = 0, SYSTEM = 1, SSE = 2, X87 = 40,
            MOV_RR = 3, MOV_RI = 4, MOV_LOAD = 5, MOV_STORE = 6, LEA = 7,
            ADD_RR = 8, ADD_RI = 9, ADD_RM = 10, SUB_RR = 11, SUB_RI = 12, SUB_RM = 13,
            CMP_RR = 14, CMP_RI = 15, CMP_RM = 16, AND_RR = 17, AND_RI = 18, AND_RM = 19,
            OR_RR = 20, OR_RI = 21, OR_RM = 22, XOR_RR = 23, XOR_RI = 24, XOR_RM = 25,
            TEST_RR = 26, TEST_RI = 27, INC_R = 28, DEC_R = 29, SHL_RI = 30, SHR_RI = 31, SAR_RI = 32,
            JCC = 33, JMP = 34, CALL = 35, RET = 36, PUSH = 37, POP = 38, BINARY = 39;

    private FastPath() {
    }

    /**
     * True if the interpreter ends a block after {@code insn}: a control transfer, a SYSTEM
     * instruction, POPF, UD2 or a REP string instruction (which may leave RIP on itself); the
     * JIT ends a unit's path there too.
     */
    public static boolean endsBlock(Instruction insn) {
        return BlockBuilder.endsBlock(insn.op) || Strings.isRepeated(insn);
    }

    /** The form that runs {@code insn}. */
    public static int classify(Instruction insn) {
        Op op = insn.op;
        Op.Family family = op.family();
        if (family == Op.Family.SYSTEM) {
            return SYSTEM;
        }
        if (family == Op.Family.SSE) {
            return SSE;
        }
        if (family == Op.Family.X87) {
            return X87;
        }
        switch (op) {
            case JCC:
                return JCC;
            case JMP:
                return JMP;
            case CALL:
                return CALL;
            case RET:
                return RET;
            case PUSH:
                return PUSH;
            case POP:
                return POP;
            default:
                break;
        }
        int size = insn.opSize;
        int k1 = insn.kind1;
        if ((size != 4 && size != 8) || insn.kind0 != Instruction.K_GPR) {
            if (op == Op.MOV && insn.kind0 == Instruction.K_MEM && k1 == Instruction.K_GPR && (size == 4 || size == 8)) {
                return MOV_STORE;
            }
            return op == Op.ADD || op == Op.OR || op == Op.ADC || op == Op.SBB || op == Op.AND
                    || op == Op.SUB || op == Op.XOR || op == Op.CMP || op == Op.TEST ? BINARY : INTEGER;
        }
        // source shape: 0 register, 1 immediate, 2 memory
        int src = k1 == Instruction.K_GPR ? 0 : k1 == Instruction.K_IMM ? 1 : k1 == Instruction.K_MEM ? 2 : -1;
        switch (op) {
            case MOV:
                return src == 0 ? MOV_RR : src == 1 ? MOV_RI : src == 2 ? MOV_LOAD : INTEGER;
            case LEA:
                return insn.addrSize == 8 ? LEA : INTEGER;
            case ADD:
                return src >= 0 ? ADD_RR + src : BINARY;
            case SUB:
                return src >= 0 ? SUB_RR + src : BINARY;
            case CMP:
                return src >= 0 ? CMP_RR + src : BINARY;
            case AND:
                return src >= 0 ? AND_RR + src : BINARY;
            case OR:
                return src >= 0 ? OR_RR + src : BINARY;
            case XOR:
                return src >= 0 ? XOR_RR + src : BINARY;
            case TEST:
                return src == 0 || src == 1 ? TEST_RR + src : BINARY;
            case ADC, SBB:
                return BINARY;
            case INC:
                return INC_R;
            case DEC:
                return DEC_R;
            case SHL:
                return src == 1 ? SHL_RI : INTEGER;
            case SHR:
                return src == 1 ? SHR_RI : INTEGER;
            case SAR:
                return src == 1 ? SAR_RI : INTEGER;
            default:
                return INTEGER;
        }
    }

    /** Runs {@code insn} by its {@code form} (any form but {@link #SYSTEM}); RIP already points at the next instruction. */
    public static void execute(Cpu cpu, Instruction insn, int form) {
        // The JIT inlines a callee of a switch case only if it is tiny (35 bytecodes), so each
        // case is a one-liner over small helpers; larger shared code sits one call deeper.
        CpuState s = cpu.state;
        long[] g = s.gpr;
        switch (form) {
            case MOV_RR -> g[insn.reg0] = g[insn.reg1] & Flags.mask(insn.opSize);
            case MOV_RI -> g[insn.reg0] = insn.imm & Flags.mask(insn.opSize);
            case MOV_LOAD -> g[insn.reg0] = load(cpu, insn);
            case MOV_STORE -> store(cpu, insn, g[insn.reg1]);
            case LEA -> lea(s, insn);
            case ADD_RR -> g[insn.reg0] = add(s, insn.opSize, g[insn.reg0], g[insn.reg1]);
            case ADD_RI -> g[insn.reg0] = add(s, insn.opSize, g[insn.reg0], insn.imm);
            case ADD_RM -> g[insn.reg0] = add(s, insn.opSize, g[insn.reg0], load(cpu, insn));
            case SUB_RR -> g[insn.reg0] = sub(s, insn.opSize, g[insn.reg0], g[insn.reg1]);
            case SUB_RI -> g[insn.reg0] = sub(s, insn.opSize, g[insn.reg0], insn.imm);
            case SUB_RM -> g[insn.reg0] = sub(s, insn.opSize, g[insn.reg0], load(cpu, insn));
            case CMP_RR -> sub(s, insn.opSize, g[insn.reg0], g[insn.reg1]);
            case CMP_RI -> sub(s, insn.opSize, g[insn.reg0], insn.imm);
            case CMP_RM -> sub(s, insn.opSize, g[insn.reg0], load(cpu, insn));
            case AND_RR -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] & g[insn.reg1]);
            case AND_RI -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] & insn.imm);
            case AND_RM -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] & load(cpu, insn));
            case OR_RR -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] | g[insn.reg1]);
            case OR_RI -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] | insn.imm);
            case OR_RM -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] | load(cpu, insn));
            case XOR_RR -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] ^ g[insn.reg1]);
            case XOR_RI -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] ^ insn.imm);
            case XOR_RM -> g[insn.reg0] = logic(s, insn.opSize, g[insn.reg0] ^ load(cpu, insn));
            case TEST_RR -> logic(s, insn.opSize, g[insn.reg0] & g[insn.reg1]);
            case TEST_RI -> logic(s, insn.opSize, g[insn.reg0] & insn.imm);
            case INC_R -> g[insn.reg0] = incDec(s, insn.opSize, g[insn.reg0], Flags.INC, g[insn.reg0] + 1);
            case DEC_R -> g[insn.reg0] = incDec(s, insn.opSize, g[insn.reg0], Flags.DEC, g[insn.reg0] - 1);
            case SHL_RI -> shl(s, insn);
            case SHR_RI -> shr(s, insn);
            case SAR_RI -> sar(s, insn);
            case JCC -> Branches.jcc(cpu, insn);
            case JMP -> Branches.jmp(cpu, insn);
            case CALL -> Branches.call(cpu, insn);
            case RET -> Branches.ret(cpu, insn);
            case PUSH -> Stack.pushOp(cpu, insn);
            case POP -> Stack.popOp(cpu, insn);
            case BINARY -> Alu.binary(cpu, insn);
            case SSE -> SseExecutor.execute(cpu, insn);
            case X87 -> X87Executor.execute(cpu, insn);
            default -> IntegerExecutor.execute(cpu, insn);
        }
    }

    private static long load(Cpu cpu, Instruction insn) {
        return Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), insn.opSize);
    }

    private static void store(Cpu cpu, Instruction insn, long value) {
        Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), insn.opSize, value);
    }

    /** LEA: the offset without any segment base (SDM Vol.2 LEA). */
    private static void lea(CpuState s, Instruction insn) {
        s.gpr[insn.reg0] = Operands.offset(s, insn) & Flags.mask(insn.opSize);
    }

    private static long add(CpuState s, int size, long dst, long src) {
        long m = Flags.mask(size);
        return arith(s, Flags.ADD, size, dst & m, src & m, (dst + src) & m);
    }

    private static long sub(CpuState s, int size, long dst, long src) {
        long m = Flags.mask(size);
        return arith(s, Flags.SUB, size, dst & m, src & m, (dst - src) & m);
    }

    /** Records an ADD, SUB, INC or DEC ({@code dst} and {@code src} truncated to the size) and returns {@code res}. */
    private static long arith(CpuState s, int lazyOp, int size, long dst, long src, long res) {
        s.lazyOp = lazyOp;
        s.lazySize = size;
        s.lazyDst = dst;
        s.lazySrc = src;
        s.lazyResult = res;
        return res;
    }

    /** AND, OR, XOR, TEST: CF = OF = 0, AF chosen 0 (see {@link Alu}); ZF, SF, PF from the result. */
    private static long logic(CpuState s, int size, long value) {
        long res = value & Flags.mask(size);
        s.lazyOp = Flags.RESULT;
        s.lazySize = size;
        s.lazyResult = res;
        s.lazyFlags = 0;
        return res;
    }

    /** INC and DEC ({@code rawResult} is dst + 1 or dst - 1) keep CF (SDM Vol.2 INC, DEC). */
    private static long incDec(CpuState s, int size, long dst, int lazyOp, long rawResult) {
        long m = Flags.mask(size);
        s.lazyFlags = Flags.carryBit(s);
        return arith(s, lazyOp, size, dst & m, 1, rawResult & m);
    }

    private static int count(Instruction insn) {
        return (int) insn.imm & (insn.opSize == 8 ? 63 : 31);
    }

    /** SHL by an immediate; a masked count of 0 changes no flag but still zero-extends a 32-bit register (as {@link Shifts}). */
    private static void shl(CpuState s, Instruction insn) {
        int size = insn.opSize;
        long m = Flags.mask(size);
        long dst = s.gpr[insn.reg0] & m;
        int count = count(insn);
        if (count == 0) {
            s.gpr[insn.reg0] = dst;
            return;
        }
        long res = (dst << count) & m;
        long cf = (dst >>> ((size << 3) - count)) & 1;
        s.gpr[insn.reg0] = res;
        shiftFlags(s, size, res, cf, ((res >>> ((size << 3) - 1)) & 1) ^ cf);
    }

    private static void shr(CpuState s, Instruction insn) {
        int size = insn.opSize;
        long m = Flags.mask(size);
        long dst = s.gpr[insn.reg0] & m;
        int count = count(insn);
        if (count == 0) {
            s.gpr[insn.reg0] = dst;
            return;
        }
        long res = dst >>> count;
        s.gpr[insn.reg0] = res;
        shiftFlags(s, size, res, (dst >>> (count - 1)) & 1, (dst >>> ((size << 3) - 1)) & 1);
    }

    private static void sar(CpuState s, Instruction insn) {
        int size = insn.opSize;
        long m = Flags.mask(size);
        long sx = size == 8 ? s.gpr[insn.reg0] : (long) (int) s.gpr[insn.reg0];
        int count = count(insn);
        if (count == 0) {
            s.gpr[insn.reg0] = sx & m;
            return;
        }
        long res = (sx >> count) & m;
        s.gpr[insn.reg0] = res;
        shiftFlags(s, size, res, (sx >> (count - 1)) & 1, 0);
    }

    private static void shiftFlags(CpuState s, int size, long res, long cf, long of) {
        s.lazyOp = Flags.RESULT;
        s.lazySize = size;
        s.lazyResult = res;
        s.lazyFlags = (cf != 0 ? CpuState.CF : 0) | (of != 0 ? CpuState.OF : 0);
    }
}
