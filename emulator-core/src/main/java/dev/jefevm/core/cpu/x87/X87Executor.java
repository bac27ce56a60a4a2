package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Instruction;

/** Runs the x87 FPU family of operations (SDM Vol.1 ch.8). */
public final class X87Executor {

    private X87Executor() {
    }

    /** Executes one x87 instruction; RIP already points at the next instruction. */
    public static void execute(Cpu cpu, Instruction insn) {
        throw CpuFault.ud();
    }
}
