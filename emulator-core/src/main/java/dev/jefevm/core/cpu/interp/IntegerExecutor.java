package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * Executes INTEGER-family instructions: one switch on the operation, handing each to the small
 * handler class of its group ({@link Alu}, {@link Shifts}, {@link Bits}, {@link Moves},
 * {@link Stack}, {@link Branches}, {@link Strings}, {@link BitManipulation},
 * {@link AddCarryExtensions}, {@link Crc32c}); the trivial flag and hint instructions are
 * done here. Called with RIP already at the next instruction.
 */
public final class IntegerExecutor {

    private IntegerExecutor() {
    }

    /** The frequent operations first; the interpreter's loop reaches this only for instructions without a {@link FastPath} form. */
    public static void execute(Cpu cpu, Instruction insn) {
        switch (insn.op) {
            case MOV -> Moves.mov(cpu, insn);
            case ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST -> Alu.binary(cpu, insn);
            case JCC -> Branches.jcc(cpu, insn);
            case INC, DEC, NEG, NOT -> Alu.unary(cpu, insn);
            case LEA -> Moves.lea(cpu, insn);
            case PUSH -> Stack.pushOp(cpu, insn);
            case POP -> Stack.popOp(cpu, insn);
            case CALL -> Branches.call(cpu, insn);
            case RET -> Branches.ret(cpu, insn);
            case JMP -> Branches.jmp(cpu, insn);
            default -> executeLessFrequent(cpu, insn);
        }
    }

    private static void executeLessFrequent(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        switch (insn.op) {
            case MOVZX -> Moves.movzx(cpu, insn);
            case MOVSX, MOVSXD -> Moves.movsx(cpu, insn);
            case CMOVCC -> Moves.cmov(cpu, insn);
            case SETCC -> Moves.setcc(cpu, insn);
            case SHL, SHR, SAR, ROL, ROR, RCL, RCR -> Shifts.shift(cpu, insn);
            case SHLD, SHRD -> Shifts.doubleShift(cpu, insn);
            case JMP_INDIRECT -> Branches.jmpIndirect(cpu, insn);
            case CALL_INDIRECT -> Branches.callIndirect(cpu, insn);
            case XCHG -> Moves.xchg(cpu, insn);
            case CMPXCHG -> Moves.cmpxchg(cpu, insn);
            case CMPXCHG8B, CMPXCHG16B -> Moves.cmpxchgWide(cpu, insn);
            case XADD -> Moves.xadd(cpu, insn);
            case BSWAP -> Bits.bswap(cpu, insn);
            case CBW -> Moves.cbw(cpu, insn);
            case CWD -> Moves.cwd(cpu, insn);
            case XLAT -> Moves.xlat(cpu, insn);
            case MOVBE -> Moves.movbe(cpu, insn);
            case ANDN, BEXTR, BLSI, BLSMSK, BLSR, BZHI, MULX, PDEP, PEXT, RORX, SARX, SHLX, SHRX ->
                    BitManipulation.execute(cpu, insn);
            case ADCX, ADOX -> AddCarryExtensions.execute(cpu, insn);
            case CRC32 -> Crc32c.execute(cpu, insn);
            case MUL, IMUL1 -> Alu.mulWide(cpu, insn);
            case IMUL2, IMUL3 -> Alu.mulTruncating(cpu, insn);
            case DIV, IDIV -> Alu.divide(cpu, insn);
            case BT, BTS, BTR, BTC -> Bits.bitTest(cpu, insn);
            case BSF, BSR, POPCNT, LZCNT, TZCNT -> Bits.scan(cpu, insn);
            case LOOP, LOOPE, LOOPNE -> Branches.loop(cpu, insn);
            case JRCXZ -> Branches.jrcxz(cpu, insn);
            case MOVS, STOS, LODS, CMPS, SCAS -> Strings.execute(cpu, insn);
            case LAHF -> {
                // AH = SF:ZF:0:AF:0:PF:1:CF (SDM Vol.2 LAHF)
                long f = Flags.arith(s) & (CpuState.SF | CpuState.ZF | CpuState.AF | CpuState.PF | CpuState.CF);
                Operands.writeGpr(s, Instruction.AH, 1, f | 2);
            }
            case SAHF -> {
                long ah = (s.gpr[CpuState.RAX] >>> 8) & 0xFF;
                long which = CpuState.SF | CpuState.ZF | CpuState.AF | CpuState.PF | CpuState.CF;
                Flags.update(s, which, ah);
            }
            case PUSHF -> Stack.pushf(cpu, insn);
            case POPF -> Stack.popf(cpu, insn);
            case CLC -> Flags.update(s, CpuState.CF, 0);
            case STC -> Flags.update(s, CpuState.CF, CpuState.CF);
            case CMC -> Flags.update(s, CpuState.CF, Flags.cf(s) ? 0 : CpuState.CF);
            case CLD -> s.rflagsControl &= ~CpuState.DF;
            case STD -> s.rflagsControl |= CpuState.DF;
            case ENTER -> Stack.enter(cpu, insn);
            case LEAVE -> Stack.leave(cpu, insn);
            case PAUSE, NOP, ENDBR64, FENCE, PREFETCH -> { }
            case CLFLUSH -> cpu.mmu.translate(Operands.effectiveAddress(cpu, insn), Mmu.READ); // faults like a byte load; no cache to flush
            default -> throw CpuFault.ud(); // UD2, and operations of other families
        }
    }
}
