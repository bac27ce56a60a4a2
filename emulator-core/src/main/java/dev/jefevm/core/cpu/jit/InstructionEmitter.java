package dev.jefevm.core.cpu.jit;

import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_CTX;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_FLAGS;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_HELPERS;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_JITMEM;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_LONGS;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_MMU;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_STATE;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CTX;
import static dev.jefevm.core.cpu.jit.UnitCompiler.EA;
import static dev.jefevm.core.cpu.jit.UnitCompiler.F_DST;
import static dev.jefevm.core.cpu.jit.UnitCompiler.F_FLG;
import static dev.jefevm.core.cpu.jit.UnitCompiler.F_RES;
import static dev.jefevm.core.cpu.jit.UnitCompiler.F_SRC;
import static dev.jefevm.core.cpu.jit.UnitCompiler.RAM;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CP;
import static dev.jefevm.core.cpu.jit.UnitCompiler.LOW;
import static dev.jefevm.core.cpu.jit.UnitCompiler.PA;
import static dev.jefevm.core.cpu.jit.UnitCompiler.IDX;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_MEM;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_SEGMENT;
import static dev.jefevm.core.cpu.jit.UnitCompiler.CD_BYTES;
import static dev.jefevm.core.cpu.jit.UnitCompiler.RP;
import static dev.jefevm.core.cpu.jit.UnitCompiler.RT;
import static dev.jefevm.core.cpu.jit.UnitCompiler.S;
import static dev.jefevm.core.cpu.jit.UnitCompiler.TA;
import static dev.jefevm.core.cpu.jit.UnitCompiler.TB;
import static dev.jefevm.core.cpu.jit.UnitCompiler.TC;
import static dev.jefevm.core.cpu.jit.UnitCompiler.TD;
import static dev.jefevm.core.cpu.jit.UnitCompiler.UKEY;
import static dev.jefevm.core.cpu.jit.UnitCompiler.WP;
import static dev.jefevm.core.cpu.jit.UnitCompiler.WT;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.mmu.Mmu;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Bytecode for the instructions {@link NativeSupport} covers, with exactly the interpreter's
 * semantics (SDM Vol.2 per instruction; the flag record as {@code Alu}/{@code FastPath} leave it):
 * operands as JVM longs truncated to the operand size, 32-bit register writes zero-extending
 * and 8/16-bit ones merging (SDM Vol.1 3.4.1.1), memory through the inlined TLB hit path with
 * the {@code Mmu} call (after a state sync, as it may fault) on a miss, and conditions evaluated
 * from the statically known last flag-setting operation when it is one of ADD, SUB, logic,
 * INC/DEC or shift, else by {@code Flags.condition} on the materialized record.
 */
final class InstructionEmitter {

    private final UnitCompiler u;
    private final CodeBuilder cb;
    private final int i;
    private final Instruction insn;
    private final long next;

    private InstructionEmitter(UnitCompiler u, int i, Instruction insn) {
        this.u = u;
        this.cb = u.code();
        this.i = i;
        this.insn = insn;
        this.next = u.trace().rips[i] + insn.length;
    }

    static void emit(UnitCompiler u, int i, Instruction insn) {
        new InstructionEmitter(u, i, insn).emit();
    }

    private void emit() {
        switch (insn.op) {
            case MOV -> mov();
            case MOVZX -> movExtend(false);
            case MOVSX, MOVSXD -> movExtend(true);
            case LEA -> lea();
            case XCHG -> xchg();
            case ADD, ADC, SUB, SBB, CMP, AND, OR, XOR, TEST -> binary();
            case INC, DEC -> incDec();
            case IMUL2, IMUL3 -> imul();
            case NEG, NOT -> negNot();
            case CBW -> cbw();
            case CWD -> cwd();
            case JMP_INDIRECT, CALL_INDIRECT -> indirect();
            case MOVAPS, MOVAPD, MOVDQA, MOVNTDQ, MOVNTPS, MOVNTPD -> move128(true);
            case MOVUPS, MOVUPD, MOVDQU -> move128(false);
            case SHL, SHR, SAR -> shift();
            case ROL, ROR -> rotate();
            case BT -> bitTest();
            case BSWAP -> bswap();
            case JMP -> jmp();
            case JCC -> jcc();
            case CALL -> call();
            case RET -> ret();
            case PUSH -> push();
            case POP -> pop();
            case LEAVE -> leave();
            case SETCC -> setcc();
            case CMOVCC -> cmov();
            default -> u.completed(); // NOP, ENDBR64, PAUSE, PREFETCH, FENCE
        }
    }

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (size << 3)) - 1;
    }

    private void maskTo(int size) {
        if (size != 8) {
            cb.loadConstant(mask(size)).land();
        }
    }

    // ------------------------------------------------------------------ registers

    /** Pushes register {@code reg} zero-extended from {@code size} bytes. */
    private void readGpr(int reg, int size) {
        if (size == 1 && reg >= Instruction.AH) {
            cb.lload(u.regSlot(reg - Instruction.AH)).bipush(8).lushr();
            maskTo(1);
            return;
        }
        cb.lload(u.regSlot(reg));
        maskTo(size);
    }

    /** Pops a long and writes it to {@code reg} with the operand-size rule. */
    private void writeGpr(int reg, int size) {
        switch (size) {
            case 8 -> cb.lstore(u.regSlot(reg));
            case 4 -> cb.loadConstant(0xFFFF_FFFFL).land().lstore(u.regSlot(reg));
            default -> {
                int r = size == 1 && reg >= Instruction.AH ? reg - Instruction.AH : reg;
                int shift = r != reg ? 8 : 0;
                long m = mask(size) << shift;
                cb.loadConstant(mask(size)).land();
                if (shift != 0) {
                    cb.bipush(shift).lshl();
                }
                cb.lload(u.regSlot(r)).loadConstant(~m).land().lor().lstore(u.regSlot(r));
            }
        }
    }

    // ------------------------------------------------------------------ memory

    /** The memory operand's offset (what LEA computes) on the stack. */
    private void offset() {
        cb.loadConstant(insn.disp);
        if (insn.base >= 0) {
            if (insn.base == Instruction.BASE_RIP) {
                cb.loadConstant(next);
            } else {
                cb.lload(u.regSlot(insn.base));
            }
            cb.ladd();
        }
        if (insn.index >= 0) {
            cb.lload(u.regSlot(insn.index));
            if (insn.scale != 0) {
                cb.loadConstant(insn.scale).lshl();
            }
            cb.ladd();
        }
        if (insn.addrSize == 4) {
            cb.loadConstant(0xFFFF_FFFFL).land();
        }
    }

    /** The linear address into EA (Operands.effectiveAddress: FS/GS base, #SS for a non-canonical SS reference). */
    private void effectiveAddress() {
        offset();
        int seg = insn.segment;
        if (seg >= CpuState.FS) {
            cb.aload(S).getfield(CD_STATE, "segBase", UnitCompiler.CD_LONGS).loadConstant(seg).laload().ladd();
            cb.lstore(EA);
        } else if (seg == CpuState.SS) {
            cb.lstore(EA);
            Label ok = cb.newLabel();
            canonicalCheck(EA, ok);
            u.faultSite(i);
            cb.invokestatic(CD_HELPERS, "stackSegmentFault", MethodTypeDesc.of(CD_void));
            u.faultSiteEnd();
            cb.labelBinding(ok);
        } else {
            cb.lstore(EA);
        }
    }

    /** Jumps to {@code ok} if the long in {@code slot} is canonical (bits 63:47 equal). */
    private void canonicalCheck(int slot, Label ok) {
        cb.lload(slot).bipush(16).lshl().bipush(16).lshr().lload(slot).lcmp().ifeq(ok);
    }

    private static String sized(String verb, int size) {
        return verb + (size * 8);
    }

    private void widen(int size) {
        if (size != 8) {
            cb.i2l();
            maskTo(size);
        }
    }

    /**
     * Pushes the {@code size}-byte value at EA, zero-extended: inside a loop as inline code (TLB
     * test and RAM access, a synced slow path), elsewhere as one call (see {@link JitMemory}).
     */
    private void load(int size) {
        read(size, sized("read", size), sized("slowRead", size));
        widen(size);
    }

    /** Stores the low {@code size} bytes of local {@code value} at EA (as {@link #load}). */
    private void store(int size, int value) {
        write(size, value, sized("write", size), sized("slowWrite", size));
    }

    /** Pushes the quadword at EA, a stack address (#SS rather than #GP when not canonical). */
    private void stackLoad() {
        read(8, "stackRead64", "slowStackRead64");
    }

    private void stackStore(int value) {
        write(8, value, "stackWrite64", "slowStackWrite64");
    }

    /**
     * Pushes the {@code size}-byte value at EA as an int (a long for 8): outside loops one call of
     * JitMemory's whole access {@code whole}; inside, the inline TLB test and RAM read with
     * {@code slow} as the synced miss path.
     */
    private void read(int size, String whole, String slow) {
        ClassDesc type = size == 8 ? CD_long : CD_int;
        if (!u.inLoop(i)) {
            cb.aload(CTX).aload(RT).aload(RP).aload(RAM).lload(LOW).lload(EA).lload(UKEY);
            u.memoryFaultSite(i);
            cb.invokestatic(CD_JITMEM, whole, accessType(type, null));
            u.faultSiteEnd();
            return;
        }
        Label miss = cb.newLabel();
        Label done = cb.newLabel();
        hitTest(RT, RP, size, miss);
        ramRead(size);
        cb.goto_(done);
        cb.labelBinding(miss);
        u.beginSlowPath(i);
        cb.aload(CTX).lload(EA);
        cb.invokestatic(CD_JITMEM, slow, MethodTypeDesc.of(type, CD_CTX, CD_long));
        u.endSlowPath();
        cb.labelBinding(done);
    }

    /** Stores the low {@code size} bytes of local {@code value} at EA, in the two forms of {@link #read}. */
    private void write(int size, int value, String whole, String slow) {
        ClassDesc type = size == 8 ? CD_long : CD_int;
        if (!u.inLoop(i)) {
            cb.aload(CTX).aload(WT).aload(WP).aload(RAM).aload(CP).lload(LOW).lload(EA).lload(UKEY).lload(value);
            narrowToArgument(size);
            u.memoryFaultSite(i);
            cb.invokestatic(CD_JITMEM, whole, accessType(CD_void, type));
            u.faultSiteEnd();
            return;
        }
        Label miss = cb.newLabel();
        Label done = cb.newLabel();
        hitTest(WT, WP, size, miss);
        ramWrite(size, value, 0);
        cb.goto_(done);
        cb.labelBinding(miss);
        u.beginSlowPath(i);
        cb.aload(CTX).lload(EA).lload(value);
        narrowToArgument(size);
        cb.invokestatic(CD_JITMEM, slow, MethodTypeDesc.of(CD_void, CD_CTX, CD_long, type));
        u.endSlowPath();
        cb.labelBinding(done);
    }

    /** A value below 8 bytes goes to JitMemory as an int. */
    private void narrowToArgument(int size) {
        if (size != 8) {
            cb.l2i();
        }
    }

    /**
     * The TLB test of a {@code size}-byte access at EA against the TLB of locals {@code tags} and
     * {@code pages}, as {@code Mmu.tlbHit} makes it (slot {@code Mmu.tlbIndex}, tag = page number
     * and user bit, the access within the page): the physical address to local PA, or a jump to
     * {@code slow}. One branch: until a site has missed, HotSpot compiles its miss path as a trap
     * (the unit is deoptimised and compiled again at the first miss), so a loop whose accesses
     * always hit keeps no merge of reloaded registers at each access.
     */
    private void hitTest(int tags, int pages, int size, Label slow) {
        tlbIndex(cb, EA);
        cb.istore(IDX);
        cb.aload(tags).iload(IDX).laload();
        cb.lload(EA).bipush(12).lushr().iconst_1().lshl().lload(UKEY).lor().lxor();
        cb.lload(EA).loadConstant(0xFFFL).land().loadConstant((long) size - 1).ladd().bipush(12).lushr().lor();
        cb.lconst_0().lcmp().ifne(slow);
        cb.aload(pages).iload(IDX).laload().lload(EA).loadConstant(0xFFFL).land().lor().lstore(PA);
    }

    /** Pushes {@code Mmu.tlbIndex} of the long in local {@code linear} (the same arithmetic). */
    static void tlbIndex(CodeBuilder cb, int linear) {
        cb.lload(linear).bipush(12).lushr().l2i().dup().bipush(Mmu.TLB_BITS).iushr().ixor();
        cb.loadConstant((1 << Mmu.TLB_BITS) - 1).iand();
    }

    /**
     * Pushes the {@code size}-byte value at physical PA (a TLB hit): from RAM below the hole
     * ({@link JitMemory#ramGet64} and kin), else through {@code PhysicalMemory} (MMIO, high RAM), zero-extended to int for
     * sizes below 8.
     */
    private void ramRead(int size) {
        Label device = cb.newLabel();
        Label done = cb.newLabel();
        cb.lload(PA).lload(LOW).lcmp().ifge(device);
        cb.aload(RAM).lload(PA);
        cb.invokestatic(CD_JITMEM, sized("ramGet", size), MethodTypeDesc.of(size == 8 ? CD_long : CD_int, CD_SEGMENT, CD_long));
        cb.goto_(done);
        cb.labelBinding(device);
        cb.aload(CTX).getfield(CD_CTX, "memory", CD_MEM).lload(PA);
        cb.invokevirtual(CD_MEM, sized("read", size), MethodTypeDesc.of(size == 8 ? CD_long : CD_int, CD_long));
        cb.labelBinding(done);
    }

    /**
     * Stores the low {@code size} bytes of local {@code value} (the high half of a 16-byte store
     * in local {@code high}, size 16) at physical PA: into RAM ({@link JitMemory#ramSet64} and
     * kin) when below the hole and no translated code is on the page, else through {@code PhysicalMemory}, which
     * invalidates the page's translations.
     */
    private void ramWrite(int size, int value, int high) {
        Label device = cb.newLabel();
        Label done = cb.newLabel();
        cb.lload(PA).lload(LOW).lcmp().ifge(device);
        cb.aload(CP).lload(PA).bipush(12).lushr().l2i().baload().ifne(device);
        int unit = size == 16 ? 8 : size;
        for (int half = 0; half < (size == 16 ? 2 : 1); half++) {
            cb.aload(RAM).lload(PA);
            if (half == 1) {
                cb.loadConstant(8L).ladd();
            }
            cb.lload(half == 0 ? value : high);
            if (unit != 8) {
                cb.l2i();
            }
            cb.invokestatic(CD_JITMEM, sized("ramSet", unit), MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long,
                    unit == 8 ? CD_long : CD_int));
        }
        cb.goto_(done);
        cb.labelBinding(device);
        for (int half = 0; half < (size == 16 ? 2 : 1); half++) {
            cb.aload(CTX).getfield(CD_CTX, "memory", CD_MEM).lload(PA);
            if (half == 1) {
                cb.loadConstant(8L).ladd();
            }
            cb.lload(half == 0 ? value : high);
            if (unit != 8) {
                cb.l2i();
            }
            cb.invokevirtual(CD_MEM, sized("write", unit), MethodTypeDesc.of(CD_void, CD_long, unit == 8 ? CD_long : CD_int));
        }
        cb.labelBinding(done);
    }

    /**
     * A {@link JitMemory} method's type: (ctx, tags, pages, ram, lowRam, ea, ukey, rip, retired)
     * for a read; a write adds the code-page map after ram and the value after ukey.
     */
    private static MethodTypeDesc accessType(ClassDesc result, ClassDesc value) {
        return value == null
                ? MethodTypeDesc.of(result, CD_CTX, CD_LONGS, CD_LONGS, CD_SEGMENT, CD_long, CD_long, CD_long, CD_long,
                        CD_int)
                : MethodTypeDesc.of(result, CD_CTX, CD_LONGS, CD_LONGS, CD_SEGMENT, CD_BYTES, CD_long, CD_long, CD_long,
                        value, CD_long, CD_int);
    }

    /** Pushes operand {@code k} (kind, reg) read at {@code size} bytes; a memory operand uses EA (already computed). */
    private void readOperand(int kind, int reg, int size) {
        switch (kind) {
            case Instruction.K_GPR -> readGpr(reg, size);
            case Instruction.K_IMM -> cb.loadConstant(insn.imm & mask(size));
            default -> load(size);
        }
    }

    // ------------------------------------------------------------------ data movement

    private void mov() {
        int size = insn.opSize;
        if (insn.hasMemoryOperand()) {
            effectiveAddress();
        }
        if (insn.kind0 == Instruction.K_GPR) {
            readOperand(insn.kind1, insn.reg1, size);
            writeGpr(insn.reg0, size);
            u.completed();
        } else {
            readOperand(insn.kind1, insn.reg1, size);
            cb.lstore(TC);
            store(size, TC);
            u.completed();
            u.checkCodeWrite(i);
        }
    }

    private void movExtend(boolean signed) {
        int src = insn.srcSize;
        if (insn.kind1 == Instruction.K_MEM) {
            effectiveAddress();
        }
        readOperand(insn.kind1, insn.reg1, src);
        if (signed && src != 8) {
            int shift = 64 - 8 * src;
            cb.bipush(shift).lshl().bipush(shift).lshr();
        }
        writeGpr(insn.reg0, insn.opSize);
        u.completed();
    }

    /** XCHG of two registers (SDM Vol.2 XCHG): no flags, each written with the operand-size rule. */
    private void xchg() {
        int size = insn.opSize;
        readGpr(insn.reg0, size);
        cb.lstore(TC);
        readGpr(insn.reg1, size);
        writeGpr(insn.reg0, size);
        cb.lload(TC);
        writeGpr(insn.reg1, size);
        u.completed();
    }

    private void lea() {
        offset();
        writeGpr(insn.reg0, insn.opSize);
        u.completed();
    }

    private void push() {
        if (insn.kind0 == Instruction.K_GPR) {
            readGpr(insn.reg0, 8);
        } else {
            cb.loadConstant(insn.imm);
        }
        cb.lstore(TC);
        pushValue(TC);
        u.completed();
        u.checkCodeWrite(i);
    }

    /** RSP - 8 into EA, the store, then RSP = EA (RSP changes only after the store succeeded). */
    private void pushValue(int value) {
        int rsp = u.regSlot(CpuState.RSP);
        cb.lload(rsp).loadConstant(8L).lsub().lstore(EA);
        stackStore(value);
        cb.lload(EA).lstore(rsp);
    }

    private void pop() {
        int rsp = u.regSlot(CpuState.RSP);
        cb.lload(rsp).lstore(EA);
        stackLoad();
        cb.lstore(TC);
        cb.lload(rsp).loadConstant(8L).ladd().lstore(rsp);
        cb.lload(TC).lstore(u.regSlot(insn.reg0));
        u.completed();
    }

    /** LEAVE (SDM Vol.2 LEAVE): the saved RBP is read first, so a fault leaves RSP and RBP unchanged. */
    private void leave() {
        int rsp = u.regSlot(CpuState.RSP);
        int rbp = u.regSlot(CpuState.RBP);
        cb.lload(rbp).lstore(EA);
        stackLoad();
        cb.lstore(TC);
        cb.lload(rbp).loadConstant(8L).ladd().lstore(rsp);
        cb.lload(TC).lstore(rbp);
        u.completed();
    }

    // ------------------------------------------------------------------ arithmetic

    private void binary() {
        int size = insn.opSize;
        Op op = insn.op;
        boolean mem = insn.hasMemoryOperand();
        if (mem) {
            effectiveAddress();
        }
        readOperand(insn.kind1, insn.reg1, size);
        cb.lstore(TB);
        readOperand(insn.kind0, insn.reg0, size);
        cb.lstore(TA);
        boolean withCarry = op == Op.ADC || op == Op.SBB;
        if (withCarry) {
            carryBit();
            cb.lstore(TD);
        }
        cb.lload(TA).lload(TB);
        int kind;
        switch (op) {
            case ADD -> {
                cb.ladd();
                kind = UnitCompiler.ADD;
            }
            case ADC -> {
                cb.ladd().lload(TD).ladd();
                kind = UnitCompiler.ADC;
            }
            case SBB -> {
                cb.lsub().lload(TD).lsub();
                kind = UnitCompiler.SBB;
            }
            case SUB, CMP -> {
                cb.lsub();
                kind = UnitCompiler.SUB;
            }
            case AND, TEST -> {
                cb.land();
                kind = UnitCompiler.LOGIC;
            }
            case OR -> {
                cb.lor();
                kind = UnitCompiler.LOGIC;
            }
            default -> {
                cb.lxor();
                kind = UnitCompiler.LOGIC;
            }
        }
        maskTo(size);
        cb.lstore(TC);
        boolean writes = op != Op.CMP && op != Op.TEST;
        boolean memWrite = writes && insn.kind0 == Instruction.K_MEM;
        if (writes) {
            if (memWrite) {
                store(size, TC);
            } else {
                cb.lload(TC);
                writeGpr(insn.reg0, size);
            }
        }
        cb.lload(TA).lstore(F_DST).lload(TB).lstore(F_SRC).lload(TC).lstore(F_RES);
        if (withCarry) {
            cb.lload(TD).lstore(F_FLG); // the carry-in, as Flags.ADC/SBB record it
        }
        u.setFlags(kind, size);
        u.completed();
        if (memWrite) {
            u.checkCodeWrite(i);
        }
    }

    private void incDec() {
        int size = insn.opSize;
        boolean mem = insn.kind0 == Instruction.K_MEM;
        if (mem) {
            effectiveAddress();
        }
        readOperand(insn.kind0, insn.reg0, size);
        cb.lstore(TA);
        carryBit();
        cb.lstore(TD);
        cb.lload(TA).lconst_1();
        if (insn.op == Op.INC) {
            cb.ladd();
        } else {
            cb.lsub();
        }
        maskTo(size);
        cb.lstore(TC);
        if (mem) {
            store(size, TC);
        } else {
            cb.lload(TC);
            writeGpr(insn.reg0, size);
        }
        cb.lload(TA).lstore(F_DST).lconst_1().lstore(F_SRC).lload(TC).lstore(F_RES).lload(TD).lstore(F_FLG);
        u.setFlags(insn.op == Op.INC ? UnitCompiler.INC : UnitCompiler.DEC, size);
        u.completed();
        if (mem) {
            u.checkCodeWrite(i);
        }
    }

    /** SHL/SHR/SAR of a 32/64-bit register by an immediate, as FastPath's forms (by CL: {@link #shiftByCl}). */
    private void shift() {
        if (insn.kind1 == Instruction.K_GPR) {
            shiftByCl();
            return;
        }
        int size = insn.opSize;
        int bits = size * 8;
        int count = (int) insn.imm & (size == 8 ? 63 : 31);
        int r = u.regSlot(insn.reg0);
        if (count == 0) {
            readGpr(insn.reg0, size);
            cb.lstore(r); // no flag changes, but a 32-bit register is still zero-extended
            u.completed();
            return;
        }
        loadShiftOperand(r, size);
        switch (insn.op) {
            case SHL -> {
                cb.lload(TA).bipush(count).lshl();
                maskTo(size);
                cb.lstore(TC);
                cb.lload(TA).bipush(bits - count).lushr().lconst_1().land().lstore(TD); // CF
                // OF = MSB(result) xor CF, stored at bit 11
                cb.lload(TC).bipush(bits - 1).lushr().lconst_1().land().lload(TD).lxor().bipush(11).lshl();
            }
            case SHR -> {
                cb.lload(TA).bipush(count).lushr().lstore(TC);
                cb.lload(TA).bipush(count - 1).lushr().lconst_1().land().lstore(TD);
                cb.lload(TA).bipush(bits - 1).lushr().lconst_1().land().bipush(11).lshl();
            }
            default -> {
                cb.lload(TA).bipush(count).lshr();
                maskTo(size);
                cb.lstore(TC);
                cb.lload(TA).bipush(count - 1).lshr().lconst_1().land().lstore(TD);
                cb.lconst_0();
            }
        }
        cb.lload(TD).lor().lstore(F_FLG);
        cb.lload(TC).lstore(r);
        cb.lload(TC).lstore(F_RES);
        u.setFlags(UnitCompiler.SHIFT, size);
        u.completed();
    }

    /** The register to shift into TA: sign-extended for SAR, so its arithmetic shift fills with the sign; zero-extended otherwise. */
    private void loadShiftOperand(int r, int size) {
        if (insn.op == Op.SAR) {
            cb.lload(r);
            if (size == 4) {
                cb.l2i().i2l();
            }
        } else {
            readGpr(insn.reg0, size);
        }
        cb.lstore(TA);
    }

    /**
     * SHL/SHR/SAR of a 32/64-bit register by CL, as {@code Shifts}: the count is masked to 5
     * (6) bits and a masked count of 0 changes no flag (SDM Vol.2 SAL/SAR/SHL/SHR, "Flags
     * Affected"), so which record holds the flags is known only at run time. The previous record
     * therefore goes to CpuState first, a nonzero count stores its RESULT record there too (CF
     * the last bit shifted out, OF by the one-bit formula on the final result, AF 0), and the
     * flags are IN_STATE afterwards on both paths.
     */
    private void shiftByCl() {
        int size = insn.opSize;
        int bits = size * 8;
        int r = u.regSlot(insn.reg0);
        u.materialize();
        Label zero = cb.newLabel();
        Label done = cb.newLabel();
        cb.lload(u.regSlot(CpuState.RCX)).loadConstant((long) (bits - 1)).land().lstore(TD);
        cb.lload(TD).lconst_0().lcmp().ifeq(zero);
        loadShiftOperand(r, size);
        switch (insn.op) {
            case SHL -> {
                cb.lload(TA).lload(TD).l2i().lshl();
                maskTo(size);
                cb.lstore(TC);
                cb.lload(TA).bipush(bits).lload(TD).l2i().isub().lushr().lconst_1().land().lstore(TB); // CF
                cb.lload(TC).bipush(bits - 1).lushr().lconst_1().land().lload(TB).lxor().bipush(11).lshl();
            }
            case SHR -> {
                cb.lload(TA).lload(TD).l2i().lushr().lstore(TC);
                cb.lload(TA).lload(TD).l2i().iconst_1().isub().lushr().lconst_1().land().lstore(TB);
                cb.lload(TA).bipush(bits - 1).lushr().lconst_1().land().bipush(11).lshl();
            }
            default -> {
                cb.lload(TA).lload(TD).l2i().lshr();
                maskTo(size);
                cb.lstore(TC);
                cb.lload(TA).lload(TD).l2i().iconst_1().isub().lshr().lconst_1().land().lstore(TB);
                cb.lconst_0();
            }
        }
        cb.lload(TB).lor().lstore(TB);
        cb.lload(TC).lstore(r);
        cb.aload(S).loadConstant(Flags.RESULT).putfield(CD_STATE, "lazyOp", CD_int);
        cb.aload(S).loadConstant(size).putfield(CD_STATE, "lazySize", CD_int);
        cb.aload(S).lload(TC).putfield(CD_STATE, "lazyResult", CD_long);
        cb.aload(S).lload(TB).putfield(CD_STATE, "lazyFlags", CD_long);
        cb.goto_(done);
        cb.labelBinding(zero);
        if (size == 4) {
            readGpr(insn.reg0, 4);
            cb.lstore(r); // no flag changes, but a 32-bit register is still zero-extended
        }
        cb.labelBinding(done);
        u.setFlags(UnitCompiler.IN_STATE, size);
        u.completed();
    }

    /**
     * ROL/ROR of a 32/64-bit register by an immediate (or 1), as {@code Shifts}: the count is
     * masked to 5 (6) bits and a masked count of 0 changes nothing but the 32-bit zero-extension;
     * otherwise only CF and OF change (SDM Vol.2 RCL/RCR/ROL/ROR: CF the bit rotated into the
     * other end, OF by the one-bit formula on the result for every count), so the previous record
     * is stored in CpuState and {@code Flags.update} merges the two flags into it.
     */
    private void rotate() {
        int size = insn.opSize;
        int bits = size * 8;
        int count = (int) insn.imm & (bits - 1);
        int r = u.regSlot(insn.reg0);
        if (count == 0) {
            readGpr(insn.reg0, size);
            cb.lstore(r);
            u.completed();
            return;
        }
        boolean left = insn.op == Op.ROL;
        ClassDesc type = ClassDesc.of(size == 8 ? "java.lang.Long" : "java.lang.Integer");
        MethodTypeDesc rotation = MethodTypeDesc.of(size == 8 ? CD_long : CD_int, size == 8 ? CD_long : CD_int, CD_int);
        cb.lload(r);
        if (size == 4) {
            cb.l2i();
        }
        cb.bipush(count).invokestatic(type, left ? "rotateLeft" : "rotateRight", rotation);
        widen(size);
        cb.dup2().lstore(TC).lstore(r);
        u.materialize();
        cb.aload(S).loadConstant(CpuState.CF | CpuState.OF);
        if (left) { // CF = bit 0 of the result, OF = MSB xor CF
            cb.lload(TC).lconst_1().land();
            cb.lload(TC).bipush(bits - 1).lushr().lload(TC).lxor();
        } else { // CF = MSB of the result, OF = MSB xor the bit below it
            cb.lload(TC).bipush(bits - 1).lushr().lconst_1().land();
            cb.lload(TC).bipush(bits - 1).lushr().lload(TC).bipush(bits - 2).lushr().lxor();
        }
        cb.lconst_1().land().bipush(11).lshl().lor();
        cb.invokestatic(CD_FLAGS, "update", MethodTypeDesc.of(CD_void, CD_STATE, CD_long, CD_long));
        u.setFlags(UnitCompiler.IN_STATE, size);
        u.completed();
    }

    /**
     * BT of a register by a register or an immediate, as {@code Bits}: the bit offset is taken
     * modulo the operand width (SDM Vol.2 BT, register operand), CF = the selected bit, and the
     * other flags stay as they were (the interpreter's choice for the undefined OF, SF, AF, PF),
     * so the previous record is stored in CpuState and {@code Flags.update} sets CF in it.
     */
    private void bitTest() {
        int size = insn.opSize;
        long index = size * 8 - 1;
        u.materialize();
        cb.aload(S).loadConstant(CpuState.CF);
        readGpr(insn.reg0, size);
        if (insn.kind1 == Instruction.K_IMM) {
            cb.loadConstant((int) (insn.imm & index));
        } else {
            readGpr(insn.reg1, size);
            cb.loadConstant(index).land().l2i();
        }
        cb.lushr().lconst_1().land();
        cb.invokestatic(CD_FLAGS, "update", MethodTypeDesc.of(CD_void, CD_STATE, CD_long, CD_long));
        u.setFlags(UnitCompiler.IN_STATE, size);
        u.completed();
    }

    /** BSWAP of a 32/64-bit register (SDM Vol.2 BSWAP): the byte order reversed, no flags. */
    private void bswap() {
        int r = u.regSlot(insn.reg0);
        if (insn.opSize == 8) {
            cb.lload(r).invokestatic(ClassDesc.of("java.lang.Long"), "reverseBytes", MethodTypeDesc.of(CD_long, CD_long));
        } else {
            cb.lload(r).l2i().invokestatic(ClassDesc.of("java.lang.Integer"), "reverseBytes",
                    MethodTypeDesc.of(CD_int, CD_int));
            widen(4);
        }
        cb.lstore(r);
        u.completed();
    }

    /** Sign-extends the long on the stack from {@code size} bytes. */
    private void signExtend(int size) {
        if (size != 8) {
            int shift = 64 - 8 * size;
            cb.bipush(shift).lshl().bipush(shift).lshr();
        }
    }

    /**
     * IMUL r, r/m and IMUL r, r/m, imm (SDM Vol.2 IMUL): the product of the signed operands
     * truncated to the operand size; CF = OF = the full product does not fit. The flag record is
     * the interpreter's (RESULT: SF, ZF, PF from the truncated product, AF 0).
     */
    private void imul() {
        int size = insn.opSize;
        if (insn.kind1 == Instruction.K_MEM) {
            effectiveAddress();
        }
        if (insn.op == Op.IMUL3) {
            readOperand(insn.kind1, insn.reg1, size);
            signExtend(size);
            cb.lstore(TA);
            cb.loadConstant(signExtended(insn.imm & mask(size), size)).lstore(TB);
        } else {
            readGpr(insn.reg0, size);
            signExtend(size);
            cb.lstore(TA);
            readOperand(insn.kind1, insn.reg1, size);
            signExtend(size);
            cb.lstore(TB);
        }
        cb.lload(TA).lload(TB).lmul().lstore(TC);
        // overflow: the high half is not the sign of the low half (64-bit), or the product does
        // not survive truncation and sign extension (narrower). Without a branch: x != 0 is the
        // overflow, (x | -x) >>> 63 makes it 0 or 1, so HotSpot drops it all where the flags
        // are dead (a branch here would be kept for its never-taken side's trap).
        if (size == 8) {
            cb.lload(TA).lload(TB).invokestatic(ClassDesc.of("java.lang.Math"), "multiplyHigh",
                    MethodTypeDesc.of(CD_long, CD_long, CD_long));
            cb.lload(TC).bipush(63).lshr().lxor();
        } else {
            cb.lload(TC);
            signExtend(size);
            cb.lload(TC).lxor();
        }
        cb.lstore(TD);
        cb.lload(TD).lload(TD).lneg().lor().bipush(63).lushr();
        cb.loadConstant(CpuState.CF | CpuState.OF).lmul().lstore(F_FLG);
        cb.lload(TC);
        maskTo(size);
        cb.dup2().lstore(F_RES);
        writeGpr(insn.reg0, size);
        u.setFlags(UnitCompiler.SHIFT, size);
        u.completed();
    }

    private static long signExtended(long value, int size) {
        int shift = 64 - 8 * size;
        return value << shift >> shift;
    }

    /** NEG (flags of 0 - DEST, SDM Vol.2 NEG) and NOT (no flags), register or read-modify-write memory. */
    private void negNot() {
        int size = insn.opSize;
        boolean mem = insn.kind0 == Instruction.K_MEM;
        if (mem) {
            effectiveAddress();
        }
        readOperand(insn.kind0, insn.reg0, size);
        cb.lstore(TA);
        if (insn.op == Op.NEG) {
            cb.lconst_0().lload(TA).lsub();
            maskTo(size);
        } else {
            cb.lload(TA).loadConstant(mask(size)).lxor();
        }
        cb.lstore(TC);
        if (mem) {
            store(size, TC);
        } else {
            cb.lload(TC);
            writeGpr(insn.reg0, size);
        }
        if (insn.op == Op.NEG) {
            cb.lconst_0().lstore(F_DST).lload(TA).lstore(F_SRC).lload(TC).lstore(F_RES);
            u.setFlags(UnitCompiler.SUB, size);
        }
        u.completed();
        if (mem) {
            u.checkCodeWrite(i);
        }
    }

    /** CBW/CWDE/CDQE: rAX = the sign extension of its lower half. */
    private void cbw() {
        int size = insn.opSize;
        readGpr(CpuState.RAX, size >>> 1);
        signExtend(size >>> 1);
        writeGpr(CpuState.RAX, size);
        u.completed();
    }

    /** CWD/CDQ/CQO: rDX = the sign of rAX copied into every bit. */
    private void cwd() {
        int size = insn.opSize;
        readGpr(CpuState.RAX, size);
        signExtend(size);
        cb.bipush(63).lshr();
        writeGpr(CpuState.RDX, size);
        u.completed();
    }

    /** Pushes CF (0 or 1) of the current flag record (INC/DEC keep it: SDM Vol.2 INC). */
    private void carryBit() {
        int size = u.flagSize();
        switch (u.flagKind()) {
            case UnitCompiler.ADD -> unsignedLess(F_RES, F_DST, size);
            case UnitCompiler.SUB -> unsignedLess(F_DST, F_SRC, size);
            case UnitCompiler.LOGIC -> cb.lconst_0();
            case UnitCompiler.DYNAMIC -> {
                dynamicRecord();
                cb.invokestatic(CD_FLAGS, "carryBit", MethodTypeDesc.of(CD_long, CD_int, CD_int, CD_long, CD_long,
                        CD_long, CD_long));
            }
            case UnitCompiler.IN_STATE, UnitCompiler.ADC, UnitCompiler.SBB -> {
                u.materialize();
                cb.aload(S).invokestatic(CD_FLAGS, "carryBit", MethodTypeDesc.of(CD_long, CD_STATE));
            }
            default -> cb.lload(F_FLG).lconst_1().land();
        }
    }

    /** Pushes 1L if local {@code a} < local {@code b} unsigned (both truncated to {@code size}), else 0L. */
    private void unsignedLess(int a, int b, int size) {
        Label no = cb.newLabel();
        Label done = cb.newLabel();
        compareUnsigned(a, b, size);
        cb.ifge(no).lconst_1().goto_(done);
        cb.labelBinding(no);
        cb.lconst_0();
        cb.labelBinding(done);
    }

    private void compareUnsigned(int a, int b, int size) {
        cb.lload(a).lload(b);
        if (size == 8) {
            cb.invokestatic(ClassDesc.of("java.lang.Long"), "compareUnsigned", MethodTypeDesc.of(CD_int, CD_long, CD_long));
        } else {
            cb.lcmp(); // truncated values are non-negative
        }
    }

    private void compareSigned(int a, int b, int size) {
        int shift = 64 - 8 * size;
        cb.lload(a);
        if (shift != 0) {
            cb.bipush(shift).lshl().bipush(shift).lshr();
        }
        cb.lload(b);
        if (shift != 0) {
            cb.bipush(shift).lshl().bipush(shift).lshr();
        }
        cb.lcmp();
    }

    // ------------------------------------------------------------------ conditions

    /** Jumps to {@code target} if condition {@code cc} (SDM Vol.1 B.1) holds. */
    private void branchIf(int cc, Label target) {
        int kind = u.flagKind();
        int size = u.flagSize();
        boolean negate = (cc & 1) != 0;
        int base = cc >>> 1;
        switch (base) {
            case 2 -> { // E
                if (kind != UnitCompiler.IN_STATE && kind != UnitCompiler.DYNAMIC) {
                    cb.lload(F_RES).lconst_0().lcmp();
                    jump(negate, target, Cmp.EQ);
                    return;
                }
            }
            case 4 -> { // S
                if (kind != UnitCompiler.IN_STATE && kind != UnitCompiler.DYNAMIC) {
                    cb.lload(F_RES).loadConstant(1L << (size * 8 - 1)).land().lconst_0().lcmp();
                    jump(negate, target, Cmp.NE);
                    return;
                }
            }
            case 1 -> { // B
                if (kind == UnitCompiler.SUB) {
                    compareUnsigned(F_DST, F_SRC, size);
                    jump(negate, target, Cmp.LT);
                    return;
                }
                if (kind == UnitCompiler.ADD) {
                    compareUnsigned(F_RES, F_DST, size);
                    jump(negate, target, Cmp.LT);
                    return;
                }
                if (kind == UnitCompiler.LOGIC) {
                    if (negate) {
                        cb.goto_(target);
                    }
                    return;
                }
            }
            case 3 -> { // BE
                if (kind == UnitCompiler.SUB) {
                    compareUnsigned(F_DST, F_SRC, size);
                    jump(negate, target, Cmp.LE);
                    return;
                }
                if (kind == UnitCompiler.LOGIC) {
                    cb.lload(F_RES).lconst_0().lcmp();
                    jump(negate, target, Cmp.EQ);
                    return;
                }
            }
            case 6 -> { // L
                if (kind == UnitCompiler.SUB) {
                    compareSigned(F_DST, F_SRC, size);
                    jump(negate, target, Cmp.LT);
                    return;
                }
                if (kind == UnitCompiler.LOGIC) { // OF = 0: L is SF
                    cb.lload(F_RES).loadConstant(1L << (size * 8 - 1)).land().lconst_0().lcmp();
                    jump(negate, target, Cmp.NE);
                    return;
                }
            }
            case 7 -> { // LE
                if (kind == UnitCompiler.SUB) {
                    compareSigned(F_DST, F_SRC, size);
                    jump(negate, target, Cmp.LE);
                    return;
                }
                if (kind == UnitCompiler.LOGIC) { // ZF or SF: the signed result is <= 0
                    int shift = 64 - 8 * size;
                    cb.lload(F_RES);
                    if (shift != 0) {
                        cb.bipush(shift).lshl().bipush(shift).lshr();
                    }
                    cb.lconst_0().lcmp();
                    jump(negate, target, Cmp.LE);
                    return;
                }
            }
            case 0 -> { // O
                if (kind == UnitCompiler.LOGIC) {
                    if (negate) {
                        cb.goto_(target);
                    }
                    return;
                }
            }
            default -> { }
        }
        if (kind == UnitCompiler.DYNAMIC) {
            dynamicRecord();
            cb.loadConstant(cc).invokestatic(CD_FLAGS, "condition", MethodTypeDesc.of(CD_boolean, CD_int, CD_int,
                    CD_long, CD_long, CD_long, CD_long, CD_int));
        } else {
            u.materialize();
            cb.aload(S).loadConstant(cc).invokestatic(CD_FLAGS, "condition",
                    MethodTypeDesc.of(CD_boolean, CD_STATE, CD_int));
        }
        cb.ifne(target);
    }

    /** Pushes the DYNAMIC record from its locals in the order of Flags' record-taking forms. */
    private void dynamicRecord() {
        cb.iload(UnitCompiler.F_OP).iload(UnitCompiler.F_SZ).lload(F_DST).lload(F_SRC).lload(F_RES).lload(F_FLG);
    }

    private enum Cmp { EQ, NE, LT, LE }

    /** With an int comparison result on the stack, jumps if it satisfies {@code c} (or its negation). */
    private void jump(boolean negate, Label target, Cmp c) {
        switch (c) {
            case EQ -> { if (negate) cb.ifne(target); else cb.ifeq(target); }
            case NE -> { if (negate) cb.ifeq(target); else cb.ifne(target); }
            case LT -> { if (negate) cb.ifge(target); else cb.iflt(target); }
            default -> { if (negate) cb.ifgt(target); else cb.ifle(target); }
        }
    }

    // ------------------------------------------------------------------ control flow

    private void jmp() {
        u.completed();
        long targetRip = next + insn.imm;
        int t = u.trace().target[i];
        if (t >= 0) {
            u.branchInside(i, t);
        } else {
            cb.goto_(u.exitTo(targetRip));
        }
    }

    private void jcc() {
        u.completed();
        long targetRip = next + insn.imm;
        int t = u.trace().target[i];
        Label notTaken = cb.newLabel();
        if (t >= 0) {
            branchIf(insn.condition ^ 1, notTaken);
            u.branchInside(i, t);
            cb.labelBinding(notTaken);
        } else {
            branchIf(insn.condition, u.exitTo(targetRip));
        }
    }

    /** CALL rel: pushes the return address, then goes into the inlined callee or leaves for the target. */
    private void call() {
        cb.loadConstant(next).lstore(TC);
        pushValue(TC);
        u.completed();
        if (u.trace().inlined[i]) {
            u.branchInside(i, u.trace().target[i]);
        } else {
            cb.goto_(u.exitTo(next + insn.imm));
        }
    }

    /**
     * With the computed target in TC: an inlined call or RET goes on inside the trace if TC is
     * what it expects (the profiled callee; the return address of the call it was inlined at),
     * else the unit leaves for TC.
     */
    private void inlinedTransfer() {
        if (!u.trace().inlined[i]) {
            return;
        }
        Label elsewhere = cb.newLabel();
        cb.lload(TC).loadConstant(u.trace().expected[i]).lcmp().ifne(elsewhere);
        int t = u.trace().target[i];
        if (t >= 0) {
            u.branchInside(i, t);
        } else {
            cb.goto_(u.exitTo(u.trace().expected[i]));
        }
        cb.labelBinding(elsewhere);
    }

    private void ret() {
        int rsp = u.regSlot(CpuState.RSP);
        cb.lload(rsp).lstore(EA);
        stackLoad();
        cb.lstore(TC);
        Label ok = cb.newLabel();
        canonicalCheck(TC, ok);
        u.faultSite(i);
        cb.invokestatic(CD_HELPERS, "branchTargetFault", MethodTypeDesc.of(CD_void));
        u.faultSiteEnd();
        cb.labelBinding(ok);
        // RET imm16 also releases imm16 bytes of arguments (SDM Vol.2 RET)
        long release = 8L + (insn.kind0 == Instruction.K_IMM ? insn.imm & 0xFFFF : 0);
        cb.lload(rsp).loadConstant(release).ladd().lstore(rsp);
        u.completed();
        inlinedTransfer();
        cb.aload(S).lload(TC).putfield(CD_STATE, "rip", CD_long);
        cb.goto_(u.exitDynamic());
    }

    /**
     * JMP and CALL through a register or memory (64-bit operand): the target is read (and checked
     * canonical, #GP(0)) before CALL pushes the return address (SDM Vol.2 CALL); a call whose
     * profiled callee is inlined goes on into it if the target is that callee. Otherwise the unit
     * leaves by its dynamic exit (a call by its call site's, which feeds the profile), where the
     * engine's indirect-branch cache finds the next unit.
     */
    private void indirect() {
        if (insn.kind0 == Instruction.K_MEM) {
            effectiveAddress();
            load(8);
        } else {
            readGpr(insn.reg0, 8);
        }
        cb.lstore(TC);
        Label ok = cb.newLabel();
        canonicalCheck(TC, ok);
        u.faultSite(i);
        cb.invokestatic(CD_HELPERS, "branchTargetFault", MethodTypeDesc.of(CD_void));
        u.faultSiteEnd();
        cb.labelBinding(ok);
        if (insn.op == Op.CALL_INDIRECT) {
            cb.loadConstant(next).lstore(TD);
            pushValue(TD);
        }
        u.completed();
        inlinedTransfer();
        cb.aload(S).lload(TC).putfield(CD_STATE, "rip", CD_long);
        cb.goto_(insn.op == Op.CALL_INDIRECT ? u.exitCallSite(i) : u.exitDynamic());
    }

    /**
     * The 128-bit SSE moves between XMM registers and memory (SDM Vol.2 MOVAPS, MOVUPS, MOVDQA,
     * MOVDQU, MOVNTDQ...): the SSE enabling checks, then for an aligned form #GP(0) on a
     * misaligned address, a load as two quadword reads (the register changes only after both),
     * a store all or nothing ({@link JitMemory#write128}).
     */
    private void move128(boolean aligned) {
        u.faultSite(i);
        cb.aload(S).invokestatic(CD_HELPERS, "checkSse", MethodTypeDesc.of(CD_void, CD_STATE));
        u.faultSiteEnd();
        ClassDesc longs = UnitCompiler.CD_LONGS;
        if (insn.kind0 == Instruction.K_XMM && insn.kind1 == Instruction.K_XMM) {
            int d = insn.reg0 << 1;
            int r = insn.reg1 << 1;
            cb.aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(d)
                    .aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(r).laload().lastore();
            cb.aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(d + 1)
                    .aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(r + 1).laload().lastore();
            u.completed();
            return;
        }
        effectiveAddress();
        if (aligned) {
            Label ok = cb.newLabel();
            cb.lload(EA).loadConstant(15L).land().lconst_0().lcmp().ifeq(ok);
            u.faultSite(i);
            cb.invokestatic(CD_HELPERS, "alignmentFault", MethodTypeDesc.of(CD_void));
            u.faultSiteEnd();
            cb.labelBinding(ok);
        }
        if (insn.kind0 == Instruction.K_XMM) {
            int d = insn.reg0 << 1;
            load(8);
            cb.lstore(TA);
            cb.lload(EA).loadConstant(8L).ladd().lstore(EA);
            load(8);
            cb.lstore(TB);
            cb.aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(d).lload(TA).lastore();
            cb.aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(d + 1).lload(TB).lastore();
            u.completed();
            return;
        }
        int r = insn.reg1 << 1;
        cb.aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(r).laload().lstore(TA);
        cb.aload(S).getfield(CD_STATE, "xmm", longs).loadConstant(r + 1).laload().lstore(TB);
        if (u.inLoop(i)) {
            Label slow = cb.newLabel();
            Label done = cb.newLabel();
            hitTest(WT, WP, 16, slow);
            ramWrite(16, TA, TB);
            cb.goto_(done);
            cb.labelBinding(slow);
            u.beginSlowPath(i);
            cb.aload(CTX).lload(EA).lload(TA).lload(TB);
            cb.invokestatic(CD_JITMEM, "slowWrite128", MethodTypeDesc.of(CD_void, CD_CTX, CD_long, CD_long, CD_long));
            u.endSlowPath();
            cb.labelBinding(done);
        } else {
            cb.aload(CTX).aload(WT).aload(WP).aload(RAM).aload(CP).lload(LOW).lload(EA).lload(UKEY).lload(TA).lload(TB);
            u.memoryFaultSite(i);
            cb.invokestatic(CD_JITMEM, "write128", MethodTypeDesc.of(CD_void, CD_CTX, CD_LONGS, CD_LONGS, CD_SEGMENT,
                    CD_BYTES, CD_long, CD_long, CD_long, CD_long, CD_long, CD_long, CD_int));
            u.faultSiteEnd();
        }
        u.completed();
        u.checkCodeWrite(i);
    }

    private void setcc() {
        Label no = cb.newLabel();
        cb.lconst_0().lstore(TC);
        branchIf(insn.condition ^ 1, no);
        cb.lconst_1().lstore(TC);
        cb.labelBinding(no);
        cb.lload(TC);
        writeGpr(insn.reg0, 1);
        u.completed();
    }

    private void cmov() {
        int size = insn.opSize;
        Label no = cb.newLabel();
        Label done = cb.newLabel();
        branchIf(insn.condition ^ 1, no);
        readGpr(insn.reg1, size);
        writeGpr(insn.reg0, size);
        cb.goto_(done);
        cb.labelBinding(no);
        if (size == 4) {
            readGpr(insn.reg0, 4);
            cb.lstore(u.regSlot(insn.reg0));
        }
        cb.labelBinding(done);
        u.completed();
    }
}
