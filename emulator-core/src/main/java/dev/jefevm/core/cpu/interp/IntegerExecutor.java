package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Instruction;

/** Executes INTEGER-family instructions: dispatch on the operation to the handler classes. */
public final class IntegerExecutor {

    private IntegerExecutor() {
    }

    public static void execute(Cpu cpu, Instruction insn) {
        switch (insn.op) {
            default -> throw CpuFault.ud();
        }
    }
}
