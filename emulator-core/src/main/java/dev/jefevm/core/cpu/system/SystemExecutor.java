package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Instruction;

/** Executes SYSTEM-family operations (privileged and mode-sensitive instructions). */
public final class SystemExecutor {

    private SystemExecutor() {
    }

    public static void execute(Cpu cpu, Instruction insn) {
        throw CpuFault.ud();
    }
}
