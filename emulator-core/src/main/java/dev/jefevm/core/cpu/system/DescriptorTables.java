package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * LGDT, LIDT, SGDT, SIDT, LLDT, SLDT, LTR and STR in 64-bit mode (SDM Vol.2 entries of those
 * names; Vol.3 3.5.1, 7.2.4, 8.2.3). Pseudo-descriptors are a 16-bit limit and a 64-bit base;
 * LDT and TSS descriptors are 16 bytes in IA-32e mode; LTR marks the TSS busy.
 */
public final class DescriptorTables {

    private DescriptorTables() {
    }

    /** LGDT or LIDT m16&64 (CPL 0). */
    public static void loadTableRegister(Cpu cpu, Instruction insn, boolean idt) {
        CpuState s = cpu.state;
        requireCpl0(s);
        long address = Operands.effectiveAddress(cpu, insn);
        int limit = cpu.mmu.read16(address);
        long base = cpu.mmu.read64(address + 2);
        if (!Mmu.isCanonical(base)) {
            throw CpuFault.gp(0);
        }
        if (idt) {
            s.idtrBase = base;
            s.idtrLimit = limit;
        } else {
            s.gdtrBase = base;
            s.gdtrLimit = limit;
        }
    }

    /** SGDT or SIDT m16&64 (allowed at any CPL: CR4.UMIP is not offered). */
    public static void storeTableRegister(Cpu cpu, Instruction insn, boolean idt) {
        CpuState s = cpu.state;
        long address = Operands.effectiveAddress(cpu, insn);
        cpu.mmu.probeWrite(address, 10);
        cpu.mmu.write16(address, idt ? s.idtrLimit : s.gdtrLimit);
        cpu.mmu.write64(address + 2, idt ? s.idtrBase : s.gdtrBase);
    }

    /** SLDT or STR: a register destination gets the selector zero-extended, memory gets 16 bits. */
    public static void storeSelector(Cpu cpu, Instruction insn, int selector) {
        int size = insn.kind0 == Instruction.K_MEM ? 2 : insn.opSize;
        Operands.write(cpu, insn, 0, size, selector & 0xFFFF);
    }

    /** LLDT r/m16 (CPL 0): a null selector leaves LDTR unusable. */
    public static void loadLdt(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        requireCpl0(s);
        int selector = (int) Operands.read(cpu, insn, 0, 2);
        if ((selector & 0xFFFC) == 0) {
            s.ldtrSelector = selector;
            s.ldtrBase = 0;
            s.ldtrLimit = 0;
            return;
        }
        long low = readSystemDescriptor(cpu, selector, Segments.TYPE_LDT);
        long high = cpu.mmu.readSupervisor64(Segments.descriptorAddress(s, selector, 16) + 8);
        s.ldtrSelector = selector;
        s.ldtrBase = Segments.base(low) | (high << 32);
        s.ldtrLimit = Segments.limit(low);
    }

    /** LTR r/m16 (CPL 0): loads an available 64-bit TSS and marks its descriptor busy. */
    public static void loadTaskRegister(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        requireCpl0(s);
        int selector = (int) Operands.read(cpu, insn, 0, 2);
        if ((selector & 0xFFFC) == 0) {
            throw CpuFault.gp(0);
        }
        long low = readSystemDescriptor(cpu, selector, Segments.TYPE_TSS_AVAILABLE);
        long address = Segments.descriptorAddress(s, selector, 16);
        long high = cpu.mmu.readSupervisor64(address + 8);
        cpu.mmu.writeSupervisor64(address, low | (2L << 40)); // type 9 -> 11: busy
        s.trSelector = selector;
        s.trBase = Segments.base(low) | (high << 32);
        s.trLimit = Segments.limit(low);
        s.trAttributes = Segments.attributes(low) | 2;
    }

    /** Reads the low half of a GDT system descriptor of {@code type}, with the #GP/#NP checks LLDT/LTR share. */
    private static long readSystemDescriptor(Cpu cpu, int selector, int type) {
        if ((selector & 4) != 0) {
            throw CpuFault.gp(selector & 0xFFFC); // must live in the GDT
        }
        Segments.descriptorAddress(cpu.state, selector, 16); // limit check covers both halves
        long low = Segments.read(cpu, selector);
        int a = Segments.attributes(low);
        if (Segments.isCodeOrData(a) || Segments.type(a) != type) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        if (!Segments.present(a)) {
            throw CpuFault.np(selector & 0xFFFC);
        }
        return low;
    }

    static void requireCpl0(CpuState s) {
        if (s.cpl != 0) {
            throw CpuFault.gp(0);
        }
    }
}
