package dev.jefevm.core.cpu.jit;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.interp.FastPath;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the class file of one unit from a {@link Trace} with {@code java.lang.classfile}: a
 * subclass of {@link CompiledUnit} whose {@code run} keeps the guest registers it touches in JVM
 * locals (loaded on entry, stored on every exit and before every call that may observe
 * {@code CpuState}), keeps the lazy flag record of the last flag-setting instruction in locals
 * and evaluates conditions from it directly, inlines the software-TLB hit path of memory
 * accesses, and turns every instruction {@link NativeSupport} does not cover into a call of
 * {@link FastPath#execute} for that one instruction. Branches inside the trace are JVM jumps; a
 * loop's back edge first checks the retired count against {@link JitContext#checkLimit}. Calls
 * of inlined callees and their returns are jumps too, behind a check of the computed target
 * where it is not static (the profiled callee, the call's return address). Exits are
 * emitted as exit paths after the body, sharing one register and flag store sequence per flag record;
 * a guest fault raised in a slow path (TLB miss, fault helper) reaches a shared exception handler
 * that stores them before the fault leaves the unit.
 */
final class UnitCompiler {

    static final String CLASS_NAME = "dev.jefevm.core.cpu.jit.Unit";

    static final ClassDesc CD_UNIT = ClassDesc.of("dev.jefevm.core.cpu.jit.CompiledUnit");
    static final ClassDesc CD_CTX = ClassDesc.of("dev.jefevm.core.cpu.jit.JitContext");
    static final ClassDesc CD_STATE = ClassDesc.of("dev.jefevm.core.cpu.CpuState");
    static final ClassDesc CD_CPU = ClassDesc.of("dev.jefevm.core.cpu.Cpu");
    static final ClassDesc CD_MEM = ClassDesc.of("dev.jefevm.core.memory.PhysicalMemory");
    static final ClassDesc CD_MMU = ClassDesc.of("dev.jefevm.core.cpu.mmu.Mmu");
    static final ClassDesc CD_INSN = ClassDesc.of("dev.jefevm.core.cpu.decode.Instruction");
    static final ClassDesc CD_FASTPATH = ClassDesc.of("dev.jefevm.core.cpu.interp.FastPath");
    static final ClassDesc CD_FLAGS = ClassDesc.of("dev.jefevm.core.cpu.Flags");
    static final ClassDesc CD_HELPERS = ClassDesc.of("dev.jefevm.core.cpu.jit.JitHelpers");
    static final ClassDesc CD_JITMEM = ClassDesc.of("dev.jefevm.core.cpu.jit.JitMemory");
    static final ClassDesc CD_FAULT = ClassDesc.of("dev.jefevm.core.cpu.CpuFault");
    static final ClassDesc CD_LONGS = CD_long.arrayType();
    static final ClassDesc CD_INSNS = CD_INSN.arrayType();
    static final ClassDesc CD_SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
    static final ClassDesc CD_BYTES = ConstantDescs.CD_byte.arrayType();

    /** HotSpot does not JIT-compile methods above 8000 bytes of bytecode (HugeMethodLimit). */
    static final int MAX_CODE_BYTES = 7800;

    /**
     * Kinds of the flag record: static kinds held in locals, IN_STATE (in CpuState's lazy
     * fields), and DYNAMIC, the record of a join point with live flags: all of CpuState's lazy
     * fields in locals, its operation and size too ({@link #F_OP}, {@link #F_SZ}), so a loop's
     * back edge sets two int locals instead of storing the record into CpuState every iteration.
     */
    static final int IN_STATE = 0, ADD = 1, SUB = 2, LOGIC = 3, INC = 4, DEC = 5, SHIFT = 6, ADC = 7, SBB = 8,
            DYNAMIC = 9;

    // local slots: this = 0, ctx = 1
    static final int CTX = 1, S = 2, G = 3, RAM = 4, RT = 5, RP = 6, WT = 7, WP = 8, N = 9, CP = 10,
            UKEY = 11, REG0 = 13, F_DST = 45, F_SRC = 47, F_RES = 49, F_FLG = 51, TA = 53, TB = 55, TC = 57,
            TD = 59, EA = 61, EXC = 64, EXIT = 65, F_OP = 66, F_SZ = 67, LOW = 68, PA = 70, IDX = 72;

    /**
     * The generated class, the direct exits' target RIPs by exit index, and the RIPs of the calls
     * through a pointer that leave the unit, by call-site number (the unit returns
     * {@code CompiledUnit.callSiteExit(k)} after leaving by call site {@code k}).
     */
    record Output(byte[] bytes, long[] exitRips, long[] callSites) {
    }

    private final Trace trace;
    private CodeBuilder cb;
    private int usedRegs;
    private int writtenRegs;
    private int flagKind;
    private int flagSize;
    private int pending;
    private Label[] labels;
    /** Instructions inside a loop of the trace: their memory accesses are inline, slow paths synced. */
    private boolean[] inLoop;
    /** Join points that are branch targets with live flags: their record is DYNAMIC. */
    private boolean[] dynamicJoin;
    private final Map<Long, Integer> exitIndex = new LinkedHashMap<>();
    private final Map<Long, Integer> callSiteIndex = new LinkedHashMap<>();
    private final List<ExitPath> exitPaths = new ArrayList<>();
    /** The fault handler of each flag record (kind << 8 | size): stores registers and flags, rethrows. */
    private final Map<Integer, Label> faultHandlers = new LinkedHashMap<>();
    /** The shared tail of the exits with each flag record (kind << 8 | size). */
    private final Map<Integer, Label> exitTails = new LinkedHashMap<>();
    private Label faultSiteStart;

    /** An exit emitted after the body: where to, how many instructions since N, and the flag record to store. */
    private record ExitPath(Label label, long rip, boolean dynamic, int dynamicCode, int retired, int flagKind,
            int flagSize) {
    }

    private UnitCompiler(Trace trace) {
        this.trace = trace;
    }

    static Output compile(Trace trace) {
        UnitCompiler c = new UnitCompiler(trace);
        byte[] bytes = ClassFile.of().build(ClassDesc.of(CLASS_NAME), clb -> {
            clb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            clb.withSuperclass(CD_UNIT);
            clb.withMethodBody("<init>", MethodTypeDesc.of(CD_void, CD_INSNS), ClassFile.ACC_PUBLIC, code -> {
                code.aload(0);
                code.aload(1);
                code.invokespecial(CD_UNIT, "<init>", MethodTypeDesc.of(CD_void, CD_INSNS));
                code.return_();
            });
            clb.withMethodBody("run", MethodTypeDesc.of(CD_int, CD_CTX), ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                    c::body);
        });
        long[] exits = new long[c.exitIndex.size()];
        for (Map.Entry<Long, Integer> e : c.exitIndex.entrySet()) {
            exits[e.getValue()] = e.getKey();
        }
        long[] sites = new long[c.callSiteIndex.size()];
        for (Map.Entry<Long, Integer> e : c.callSiteIndex.entrySet()) {
            sites[e.getValue()] = e.getKey();
        }
        return new Output(bytes, exits, sites);
    }

    // ------------------------------------------------------------------ structure

    private void body(CodeBuilder code) {
        // the class-file library may run this handler again (long-jump fix-up): start afresh
        cb = code;
        usedRegs = 0;
        writtenRegs = 0;
        pending = 0;
        exitIndex.clear();
        callSiteIndex.clear();
        exitPaths.clear();
        faultHandlers.clear();
        exitTails.clear();
        Trace t = trace;
        for (int i = 0; i < t.size(); i++) {
            Instruction insn = t.insns[i];
            if (NativeSupport.isNative(insn, t.rips[i])) {
                usedRegs |= RegisterUse.used(insn);
                writtenRegs |= RegisterUse.written(insn);
            }
        }
        dynamicJoin = new boolean[t.size()];
        for (int i = 0; i < t.size(); i++) {
            int k = t.target[i];
            if (k >= 0 && t.flagsLiveIn[k] && NativeSupport.isNative(t.insns[i], t.rips[i])) {
                dynamicJoin[k] = true; // a branch target: the entry alone leaves the record IN_STATE
            }
        }
        // an entry after other trace code is also reached by falling through from that code
        dynamicJoin[t.entry] |= t.entry != 0 && t.flagsLiveIn[t.entry];
        inLoop = new boolean[t.size()];
        for (int j = 0; j < t.size(); j++) {
            if (t.backEdge(j) && NativeSupport.isNative(t.insns[j], t.rips[j])) {
                for (int m = t.target[j]; m <= j; m++) {
                    inLoop[m] = true; // between a backward branch and its target (address order)
                }
            }
        }
        for (int j = 0; j < t.size(); j++) {
            if (t.inlined[j] && t.insns[j].op != dev.jefevm.core.cpu.decode.Op.RET && inLoop[j]) {
                for (int m = t.target[j]; m < t.segmentEnd[t.target[j]]; m++) {
                    inLoop[m] = true; // a callee inlined at a call in a loop runs in it
                }
            }
        }
        prologue();
        labels = new Label[t.size()];
        for (int i = 0; i < t.size(); i++) {
            if (t.joinPoint[i]) {
                labels[i] = cb.newLabel();
            }
        }
        if (t.entry != 0) {
            toJoin(t.entry);
            cb.goto_(labels[t.entry]);
        }
        boolean reachable = t.entry == 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.joinPoint[i]) {
                if (reachable) {
                    enterJoin(i);
                }
                cb.labelBinding(labels[i]);
                flagKind = dynamicJoin[i] ? DYNAMIC : IN_STATE;
                flagSize = 0;
                pending = 0;
                reachable = true;
            }
            if (!reachable) {
                continue; // only reached by fall-through from code that never falls through
            }
            instruction(i);
            if (t.fallsThrough(i)) {
                if (t.next[i] < 0) {
                    cb.goto_(exitPath(t.rips[i] + t.insns[i].length));
                    reachable = false;
                }
            } else {
                reachable = false;
            }
        }
        for (ExitPath s : exitPaths) {
            emitExitPath(s);
        }
        for (Map.Entry<Integer, Label> tail : exitTails.entrySet()) {
            cb.labelBinding(tail.getValue());
            storeRegs();
            materializeFlags(tail.getKey() >>> 8, tail.getKey() & 0xFF);
            cb.iload(EXIT).ireturn();
        }
        for (Map.Entry<Integer, Label> h : faultHandlers.entrySet()) {
            cb.labelBinding(h.getValue());
            cb.astore(EXC);
            storeRegs();
            materializeFlags(h.getKey() >>> 8, h.getKey() & 0xFF);
            cb.aload(EXC).athrow();
        }
    }

    /**
     * The class data of every unit ({@link JitContext#constants()}), by index: loaded with
     * {@code ldc} of a dynamic constant, so HotSpot compiles them as constants.
     */
    static final List<ClassDesc> CONSTANTS = List.of(CD_CTX, CD_STATE, CD_LONGS, CD_MEM, CD_LONGS, CD_LONGS, CD_LONGS,
            CD_LONGS, CD_SEGMENT, CD_BYTES, CD_long);

    private void constant(int index) {
        cb.ldc(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME,
                CONSTANTS.get(index), index));
    }

    private void prologue() {
        int[] slots = {CTX, S, G, -1, RT, RP, WT, WP, RAM, CP};
        for (int k = 0; k < slots.length; k++) {
            if (slots[k] >= 0) {
                constant(k);
                cb.astore(slots[k]);
            }
        }
        constant(10);
        cb.lstore(LOW);
        cb.iconst_0().istore(N);
        // TLB key user bit: (cpl + 1) >>> 2 is 1 for CPL 3 only (as Mmu's fast paths)
        cb.aload(S).getfield(CD_STATE, "cpl", CD_int).iconst_1().iadd().iconst_2().iushr().i2l().lstore(UKEY);
        for (int r = 0; r < 16; r++) {
            if ((usedRegs & (1 << r)) != 0) {
                cb.aload(G).loadConstant(r).laload().lstore(reg(r));
            } else {
                cb.lconst_0().lstore(reg(r));
            }
        }
        for (int slot : new int[] {F_DST, F_SRC, F_RES, F_FLG, TA, TB, TC, TD, EA, PA}) {
            cb.lconst_0().lstore(slot);
        }
        cb.iconst_0().istore(EXIT).iconst_0().istore(F_OP).iconst_0().istore(F_SZ).iconst_0().istore(IDX);
        flagKind = IN_STATE;
    }

    private static int reg(int r) {
        return REG0 + 2 * r;
    }

    /** Control reaches join point {@code i} by fall-through: make the state canonical. */
    private void enterJoin(int i) {
        flushPending();
        toJoin(i);
    }

    /**
     * On an edge into join point {@code i}: when its record is DYNAMIC, puts the current record
     * into the DYNAMIC locals (a static kind sets the operation and size; a record in CpuState
     * is loaded, which HotSpot drops again where no exit needs it).
     */
    private void toJoin(int i) {
        if (!dynamicJoin[i] || flagKind == DYNAMIC) {
            return;
        }
        if (flagKind == IN_STATE) {
            cb.aload(S).getfield(CD_STATE, "lazyOp", CD_int).istore(F_OP);
            cb.aload(S).getfield(CD_STATE, "lazySize", CD_int).istore(F_SZ);
            cb.aload(S).getfield(CD_STATE, "lazyResult", CD_long).lstore(F_RES);
            cb.aload(S).getfield(CD_STATE, "lazyDst", CD_long).lstore(F_DST);
            cb.aload(S).getfield(CD_STATE, "lazySrc", CD_long).lstore(F_SRC);
            cb.aload(S).getfield(CD_STATE, "lazyFlags", CD_long).lstore(F_FLG);
            return;
        }
        cb.loadConstant(lazyOp(flagKind)).istore(F_OP);
        cb.loadConstant(flagSize).istore(F_SZ);
        // what the kind does not use is zeroed: a value left over from an earlier record would stay
        // live around the loop (IMUL's overflow test, say, computed on every iteration for nothing)
        if (flagKind == ADD || flagKind == SUB || flagKind == LOGIC) {
            cb.lconst_0().lstore(F_FLG);
        }
        if (flagKind == LOGIC || flagKind == SHIFT) {
            cb.lconst_0().lstore(F_DST).lconst_0().lstore(F_SRC);
        }
    }

    private static int lazyOp(int kind) {
        return switch (kind) {
            case ADD -> dev.jefevm.core.cpu.Flags.ADD;
            case SUB -> dev.jefevm.core.cpu.Flags.SUB;
            case INC -> dev.jefevm.core.cpu.Flags.INC;
            case DEC -> dev.jefevm.core.cpu.Flags.DEC;
            case ADC -> dev.jefevm.core.cpu.Flags.ADC;
            case SBB -> dev.jefevm.core.cpu.Flags.SBB;
            default -> dev.jefevm.core.cpu.Flags.RESULT;
        };
    }

    private void flushPending() {
        if (pending != 0) {
            cb.iinc(N, pending);
            pending = 0;
        }
    }

    private Label exitPath(long rip) {
        return addExitPath(rip, false);
    }

    private Label dynamicExitPath() {
        return addExitPath(0, true);
    }

    /** The exit of a call through a pointer at instruction {@code i} whose target is not in the trace. */
    private Label callSiteExitPath(int i) {
        int site = callSiteIndex.computeIfAbsent(trace.rips[i], k -> callSiteIndex.size());
        return addExitPath(trace.rips[i], true, CompiledUnit.callSiteExit(site));
    }

    private Label addExitPath(long rip, boolean dynamic) {
        return addExitPath(rip, dynamic, CompiledUnit.DYNAMIC_EXIT);
    }

    private Label addExitPath(long rip, boolean dynamic, int dynamicCode) {
        Label l = cb.newLabel();
        if (!dynamic) {
            exitIndex.putIfAbsent(rip, exitIndex.size());
        }
        exitPaths.add(new ExitPath(l, rip, dynamic, dynamicCode, pending, flagKind, flagSize));
        return l;
    }

    /**
     * An exit path sets what differs per exit (RIP, retired count, exit index) and jumps to the
     * shared tail of its flag record, which stores registers and flags once for all such exits:
     * less bytecode for HotSpot to compile than a full store sequence per exit.
     */
    private void emitExitPath(ExitPath s) {
        cb.labelBinding(s.label);
        if (!s.dynamic) {
            cb.aload(S).loadConstant(s.rip).putfield(CD_STATE, "rip", CD_long);
        }
        setRetired(s.retired);
        cb.loadConstant(s.dynamic ? s.dynamicCode : exitIndex.get(s.rip)).istore(EXIT);
        cb.goto_(exitTails.computeIfAbsent(s.flagKind << 8 | s.flagSize, k -> cb.newLabel()));
    }

    private void setRetired(int delta) {
        cb.aload(CTX).iload(N);
        if (delta != 0) {
            cb.loadConstant(delta).iadd();
        }
        cb.putfield(CD_CTX, "retired", CD_int);
    }

    private void storeRegs() {
        for (int r = 0; r < 16; r++) {
            if ((writtenRegs & (1 << r)) != 0) {
                cb.aload(G).loadConstant(r).lload(reg(r)).lastore();
            }
        }
    }

    private void reloadRegs() {
        for (int r = 0; r < 16; r++) {
            if ((usedRegs & (1 << r)) != 0) {
                cb.aload(G).loadConstant(r).laload().lstore(reg(r));
            }
        }
    }

    /** Writes the flag record of static kind {@code kind} from the locals into CpuState's lazy fields. */
    private void materializeFlags(int kind, int size) {
        if (kind == IN_STATE) {
            return;
        }
        if (kind == DYNAMIC) {
            cb.aload(S).iload(F_OP).putfield(CD_STATE, "lazyOp", CD_int);
            cb.aload(S).iload(F_SZ).putfield(CD_STATE, "lazySize", CD_int);
            cb.aload(S).lload(F_RES).putfield(CD_STATE, "lazyResult", CD_long);
            cb.aload(S).lload(F_DST).putfield(CD_STATE, "lazyDst", CD_long);
            cb.aload(S).lload(F_SRC).putfield(CD_STATE, "lazySrc", CD_long);
            cb.aload(S).lload(F_FLG).putfield(CD_STATE, "lazyFlags", CD_long);
            return;
        }
        cb.aload(S).loadConstant(lazyOp(kind)).putfield(CD_STATE, "lazyOp", CD_int);
        cb.aload(S).loadConstant(size).putfield(CD_STATE, "lazySize", CD_int);
        cb.aload(S).lload(F_RES).putfield(CD_STATE, "lazyResult", CD_long);
        if (kind != LOGIC && kind != SHIFT) {
            cb.aload(S).lload(F_DST).putfield(CD_STATE, "lazyDst", CD_long);
            cb.aload(S).lload(F_SRC).putfield(CD_STATE, "lazySrc", CD_long);
        }
        if (kind == LOGIC) {
            cb.aload(S).lconst_0().putfield(CD_STATE, "lazyFlags", CD_long);
        } else if (kind != ADD && kind != SUB) {
            cb.aload(S).lload(F_FLG).putfield(CD_STATE, "lazyFlags", CD_long);
        }
    }

    /**
     * Opens the slow path of an inline memory access (in a loop) at instruction {@code i}: registers,
     * flags, RIP and retired count go to CpuState and the context, so the MMU call that follows
     * may fault without a handler and nothing the unit holds in locals is live across it (HotSpot
     * would otherwise keep the loop's registers in stack slots on the fast path too).
     */
    void beginSlowPath(int i) {
        syncForFault(i);
    }

    /** Closes it: registers, the flag record, the retired count and the TLB key back into locals. */
    void endSlowPath() {
        reloadRegs();
        reloadFlags(flagKind);
        cb.aload(CTX).getfield(CD_CTX, "retired", CD_int);
        if (pending != 0) {
            cb.loadConstant(pending).isub();
        }
        cb.istore(N);
        cb.aload(S).getfield(CD_STATE, "cpl", CD_int).iconst_1().iadd().iconst_2().iushr().i2l().lstore(UKEY);
    }

    /** Loads the flag record of static kind {@code kind} back from CpuState (as {@link #materializeFlags} stored it). */
    private void reloadFlags(int kind) {
        if (kind == IN_STATE) {
            return;
        }
        if (kind == DYNAMIC) {
            cb.aload(S).getfield(CD_STATE, "lazyOp", CD_int).istore(F_OP);
            cb.aload(S).getfield(CD_STATE, "lazySize", CD_int).istore(F_SZ);
        }
        cb.aload(S).getfield(CD_STATE, "lazyResult", CD_long).lstore(F_RES);
        if (kind != LOGIC && kind != SHIFT) {
            cb.aload(S).getfield(CD_STATE, "lazyDst", CD_long).lstore(F_DST);
            cb.aload(S).getfield(CD_STATE, "lazySrc", CD_long).lstore(F_SRC);
        }
        if (kind != ADD && kind != SUB && kind != LOGIC) {
            cb.aload(S).getfield(CD_STATE, "lazyFlags", CD_long).lstore(F_FLG);
        }
    }

    /** Before a call that may fault: registers and flags to CpuState, and where to report the fault. */
    private void syncForFault(int i) {
        storeRegs();
        materializeFlags(flagKind, flagSize);
        cb.aload(CTX).loadConstant(trace.rips[i]).putfield(CD_CTX, "faultRip", CD_long);
        setRetired(pending);
    }

    /**
     * Opens a call that may raise a guest fault (a TLB-miss access, a fault helper): the site
     * records its RIP and retired count, and {@link #endFaultSite} puts the call under the shared
     * handler of the current flag record, which stores registers and flags before the fault
     * leaves the unit. Cheaper in bytecode than a full sync before every slow path.
     */
    private void beginFaultSite(int i) {
        cb.aload(CTX).loadConstant(trace.rips[i]).putfield(CD_CTX, "faultRip", CD_long);
        setRetired(pending);
        faultSiteStart = cb.newBoundLabel();
    }

    private void endFaultSite() {
        Label end = cb.newBoundLabel();
        Label handler = faultHandlers.computeIfAbsent(flagKind << 8 | flagSize, k -> cb.newLabel());
        cb.exceptionCatch(faultSiteStart, end, handler, CD_FAULT);
    }

    /** After a store that may have hit a code page: leave right after this instruction (SMC). */
    private void codeWriteCheck(int i) {
        cb.aload(CTX).getfield(CD_CTX, "codeWritten", CD_boolean);
        cb.ifne(exitPath(trace.rips[i] + trace.insns[i].length));
    }

    // ------------------------------------------------------------------ instructions

    private void instruction(int i) {
        Instruction insn = trace.insns[i];
        if (!NativeSupport.isNative(insn, trace.rips[i])) {
            helper(i);
            return;
        }
        InstructionEmitter.emit(this, i, insn);
    }

    /** Any instruction without native code: one call of the interpreter's executor. */
    private void helper(int i) {
        Instruction insn = trace.insns[i];
        long next = trace.rips[i] + insn.length;
        syncForFault(i);
        cb.aload(S).loadConstant(next).putfield(CD_STATE, "rip", CD_long);
        cb.aload(CTX).getfield(CD_CTX, "cpu", CD_CPU);
        cb.aload(0).getfield(CD_UNIT, "insns", CD_INSNS).loadConstant(i).aaload();
        cb.loadConstant(FastPath.classify(insn));
        cb.invokestatic(CD_FASTPATH, "execute", MethodTypeDesc.of(CD_void, CD_CPU, CD_INSN, CD_int));
        reloadRegs();
        flagKind = IN_STATE;
        pending++;
        if (trace.endsWithExit(i)) {
            setRetired(pending);
            cb.loadConstant(CompiledUnit.DYNAMIC_EXIT).ireturn();
            return;
        }
        codeWriteCheck(i);
    }

    // ---- accessors for InstructionEmitter

    CodeBuilder code() {
        return cb;
    }

    Trace trace() {
        return trace;
    }

    int regSlot(int r) {
        return reg(r);
    }

    void completed() {
        pending++;
    }

    void setFlags(int kind, int size) {
        flagKind = kind;
        flagSize = size;
    }

    int flagKind() {
        return flagKind;
    }

    int flagSize() {
        return flagSize;
    }

    void faultSite(int i) {
        beginFaultSite(i);
    }

    /**
     * Opens a fault site for a whole {@link JitMemory} access and pushes its last two arguments,
     * the instruction's RIP and retired count, which the access stores only on its slow path.
     */
    void memoryFaultSite(int i) {
        faultSiteStart = cb.newBoundLabel();
        cb.loadConstant(trace.rips[i]).iload(N);
        if (pending != 0) {
            cb.loadConstant(pending).iadd();
        }
    }

    /** True if instruction {@code i} lies in a loop of the trace (its accesses are emitted inline). */
    boolean inLoop(int i) {
        return inLoop[i];
    }

    void faultSiteEnd() {
        endFaultSite();
    }

    void checkCodeWrite(int i) {
        codeWriteCheck(i);
    }

    void materialize() {
        materializeFlags(flagKind, flagSize);
    }

    Label exitTo(long rip) {
        return exitPath(rip);
    }

    Label exitDynamic() {
        return dynamicExitPath();
    }

    Label exitCallSite(int i) {
        return callSiteExitPath(i);
    }

    /**
     * A taken branch from instruction {@code i} to trace instruction {@code target}: canonical
     * state for the join point, and a budget check on a backward branch.
     */
    void branchInside(int i, int target) {
        int saved = pending;
        flushPending();
        toJoin(target);
        if (trace.backEdge(i)) {
            cb.iload(N).aload(CTX).getfield(CD_CTX, "checkLimit", CD_int).if_icmpgt(exitPath(trace.rips[target]));
        }
        cb.goto_(labels[target]);
        pending = saved;
    }
}
