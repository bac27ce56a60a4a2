package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.BarePlatform;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import java.util.HexFormat;

/**
 * Test fixture: a CPU in 64-bit mode (first GiB identity-mapped with 2 MiB pages) that runs
 * machine code from {@link #CODE} through the standard decoder and the interpreter, with
 * helpers to set and read x87 registers by stack position.
 */
final class X87Machine {

    static final long CODE = 0x10000, DATA = 0x40000;

    final CpuState s = new CpuState();
    final Cpu cpu = new Cpu(s, new PhysicalMemory(1 << 20), new BarePlatform(VirtualClock.deterministic()));

    X87Machine() {
        cpu.memory.write64(0x1000, 0x2000 | 3);
        cpu.memory.write64(0x2000, 0x3000 | 3);
        for (int i = 0; i < 512; i++) {
            cpu.memory.write64(0x3000 + i * 8L, ((long) i << 21) | 0x83);
        }
        s.cr0 = 0x8000_0031L; // PG, NE, ET, PE
        s.cr3 = 0x1000;
        s.cr4 = 0x20 | 0x600;
        s.efer = 0x500;
        s.segSelector[CpuState.CS] = 0x08;
        s.segAttributes[CpuState.CS] = 0xA9B;
        s.gpr[CpuState.RSP] = 0x80000;
        Flags.set(s, 2);
        cpu.mmu.flushAll();
    }

    /** Runs the code (hex) followed by HLT; returns how the run ended. */
    RunResult run(String hex) {
        byte[] code = HexFormat.of().parseHex(hex + "f4");
        cpu.memory.writeBytes(CODE, code, 0, code.length);
        cpu.invalidateAllCode();
        s.rip = CODE;
        s.halted = false;
        return cpu.run(1000);
    }

    /**
     * Decodes the instruction at {@link #CODE} (hex) with the standard decoder and executes it
     * directly with {@link X87Executor}, so a fault surfaces as a thrown {@code CpuFault}.
     */
    void exec(String hex) {
        byte[] code = HexFormat.of().parseHex(hex);
        cpu.memory.writeBytes(CODE, code, 0, code.length);
        Instruction insn = new Decoder().decode(a -> cpu.memory.read8(a), CODE);
        s.rip = CODE + insn.length;
        X87Executor.execute(cpu, insn);
    }

    /** Sets ST(i) (marking it valid) with a 20-hex-digit value: sign+exponent, then significand. */
    void st(int i, String value) {
        X87Stack.set(s, i, Long.parseUnsignedLong(value.substring(4), 16), Integer.parseInt(value.substring(0, 4), 16));
    }

    /** ST(i) as 20 hex digits. */
    String st(int i) {
        return String.format("%04x%016x", X87Stack.signExp(s, i), X87Stack.significand(s, i));
    }

    void push(double v) {
        long bits = Double.doubleToRawLongBits(v);
        X87Stack.push(s, X87Convert.binary64Significand(bits), X87Convert.binary64SignExp(bits));
    }

    /** ST(i) converted to a double (exact for values that fit), for readable assertions. */
    double stDouble(int i) {
        double v = Math.scalb((double) (X87Stack.significand(s, i) >>> 11), Extended80.exp(X87Stack.signExp(s, i))
                - Extended80.BIAS - 52);
        return Extended80.sign(X87Stack.signExp(s, i)) != 0 ? -v : v;
    }
}
