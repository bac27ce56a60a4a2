package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Instruction;

/** SSE4.2 packed string comparisons: PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM (SDM Vol.2 4.1). */
final class PackedStringCompare {

    private PackedStringCompare() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        throw CpuFault.ud();
    }
}
