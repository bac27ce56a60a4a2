package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * ADX (SDM Vol.2 ADCX, ADOX): unsigned add with carry where ADCX carries through CF and ADOX
 * through OF, every other flag left as it was, so two carry chains can interleave. The
 * operand size is 32 bits, or 64 with REX.W; the mandatory 66/F3 prefix never selects 16 bits.
 */
final class AddCarryExtensions {

    private AddCarryExtensions() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.has(Instruction.P_REXW) ? 8 : 4;
        boolean adox = insn.op == Op.ADOX;
        long flag = adox ? CpuState.OF : CpuState.CF;
        long carryIn = adox ? (Flags.of(s) ? 1 : 0) : Flags.carryBit(s);
        long a = Operands.read(cpu, insn, 0, size);
        long b = Operands.read(cpu, insn, 1, size);
        long sum = a + b + carryIn;
        boolean carryOut;
        if (size == 8) {
            carryOut = Long.compareUnsigned(sum, a) < 0 || (carryIn != 0 && sum == a);
        } else {
            carryOut = (sum >>> 32) != 0;
        }
        Operands.write(cpu, insn, 0, size, sum);
        Flags.update(s, flag, carryOut ? flag : 0);
    }
}
