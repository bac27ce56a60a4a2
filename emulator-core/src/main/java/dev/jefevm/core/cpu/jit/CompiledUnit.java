package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.decode.Instruction;

/**
 * A translated trace: the superclass of every generated hidden class. The generated
 * {@link #run(JitContext)} executes guest instructions from {@link #linearStart} and returns the
 * index of the direct exit it left by (its target RIP is {@code exitRips[i]}), or
 * {@link #DYNAMIC_EXIT} when RIP was computed (RET, indirect jump, a helper that may branch), or
 * {@link #callSiteExit} after a call through a pointer. Each direct exit has a
 * chaining slot: the unit last reached through it and the translation key (MMU epoch and CPL) it
 * was reached under.
 */
public abstract class CompiledUnit {

    public static final int DYNAMIC_EXIT = -1;

    /** What {@link #run} returns after leaving by call site {@code k}: a dynamic exit that says where from. */
    static int callSiteExit(int k) {
        return -2 - k;
    }

    /** The call site of a result of {@link #run}, or -1 if it is a direct or another dynamic exit. */
    static int callSiteOf(int exit) {
        return exit <= -2 ? -2 - exit : -1;
    }

    /** The decoded instructions the unit hands to the interpreter's executors (by index). */
    protected final Instruction[] insns;

    long linearStart;
    long physStart;
    int frame;
    int generation;
    /**
     * The other pages the unit holds code of (inlined callees): linear page, frame and its
     * generation when copied; and the translation key (MMU epoch and CPL) under which those
     * linear pages were last seen mapped to those frames.
     */
    long[] extraLinear;
    int[] extraFrame;
    int[] extraGeneration;
    int mapKey;
    /** The engine's flush count when the page was read: a unit from before a flush is never installed. */
    int flushEpoch;
    /** Instructions in the trace: the most a unit runs between two back-edge checks. */
    int instructionCount;
    int codeBytes;
    /** The engine's entry count when this unit was last entered (the eviction order). */
    long lastEntered;
    /** Entries so far (counted up to a hot unit's second translation). */
    int entries;
    long[] exitRips;
    CompiledUnit[] exitUnits;
    int[] exitKeys;
    /**
     * The dynamic exit's inline cache: the unit last reached by leaving through a computed RIP
     * (a RET, an indirect call or jump), its RIP and key. A return site or a call through a
     * pointer mostly goes to one place, so this is checked before the indirect-branch cache.
     */
    CompiledUnit dynamicUnit;
    long dynamicRip;
    int dynamicKey;
    /**
     * The calls through a pointer that leave the unit (by call-site number): their RIPs, and per
     * site the target last taken and how many times in a row: a site that keeps going to one
     * target enters the engine's call profile.
     */
    long[] callSites;
    long[] siteTarget;
    int[] siteRepeats;
    /** Translated again with callees inlined (or found to have none to inline): not again. */
    boolean retranslated;

    protected CompiledUnit(Instruction[] insns) {
        this.insns = insns;
    }

    /** Runs the unit; see the class comment for the result. Faults propagate as {@code CpuFault}. */
    public abstract int run(JitContext ctx);
}
