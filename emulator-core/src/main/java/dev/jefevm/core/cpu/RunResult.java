package dev.jefevm.core.cpu;

/** Why {@link Cpu#run(long)} returned to the machine loop. */
public enum RunResult {
    /** The instruction budget was used up; the CPU can run on. */
    BUDGET_EXHAUSTED,
    /** The CPU executed HLT and no interrupt is pending that could wake it. */
    HALTED,
    /** The platform asked the machine to stop (power-off, reset, triple fault, host request). */
    STOPPED
}
