package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.UserModeTraps;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * Executes the SYSTEM family of operations: privileged and mode-sensitive instructions. Simple
 * ones are here; larger groups live in their own classes ({@link Cpuid}, {@link Msrs},
 * {@link ControlRegisters}, {@link DescriptorTables}, {@link PortIo}, {@link FarTransfers},
 * {@link InterruptDelivery}). As for every executor, {@code state.rip} already holds the next
 * instruction's address, and a thrown {@link CpuFault} must leave no partial effect.
 */
public final class SystemExecutor {

    private SystemExecutor() {
    }

    public static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        switch (insn.op) {
            case CPUID -> Cpuid.execute(s);
            case RDTSC -> rdtsc(cpu, false);
            case RDTSCP -> rdtsc(cpu, true);
            case RDMSR -> {
                requireCpl0(s);
                long v = Msrs.read(cpu, (int) s.gpr[CpuState.RCX]);
                s.gpr[CpuState.RAX] = v & 0xFFFF_FFFFL;
                s.gpr[CpuState.RDX] = v >>> 32;
            }
            case WRMSR -> {
                requireCpl0(s);
                long v = (s.gpr[CpuState.RDX] << 32) | (s.gpr[CpuState.RAX] & 0xFFFF_FFFFL);
                Msrs.write(cpu, (int) s.gpr[CpuState.RCX], v);
            }
            // SDM Vol.2 RDPMC: #GP(0) at CPL > 0 without CR4.PCE, and for a counter ECX does not
            // name; CPUID leaf 0AH offers no counters, so every index is invalid: always #GP(0)
            case RDPMC -> throw CpuFault.gp(0);
            case MOV_TO_CR -> {
                requireCpl0(s);
                ControlRegisters.write(cpu, insn.reg0, s.gpr[insn.reg1]);
            }
            case MOV_FROM_CR -> {
                requireCpl0(s);
                s.gpr[insn.reg0] = ControlRegisters.read(s, insn.reg1);
            }
            case MOV_TO_DR -> {
                requireCpl0(s);
                ControlRegisters.writeDebug(s, insn.reg0, s.gpr[insn.reg1]);
            }
            case MOV_FROM_DR -> {
                requireCpl0(s);
                s.gpr[insn.reg0] = ControlRegisters.readDebug(s, insn.reg1);
            }
            case MOV_TO_SREG -> loadSegment(cpu, insn.reg0, (int) Operands.read(cpu, insn, 1, 2));
            case MOV_FROM_SREG -> {
                // SDM Vol.2 MOV: a register destination of 32/64 bits is zero-extended; memory gets 16 bits
                int size = insn.kind0 == Instruction.K_MEM ? 2 : insn.opSize;
                Operands.write(cpu, insn, 0, size, s.segSelector[insn.reg1]);
            }
            case PUSH_SREG -> pushSegment(cpu, insn);
            case POP_SREG -> popSegment(cpu, insn);
            case LGDT -> DescriptorTables.loadTableRegister(cpu, insn, false);
            case LIDT -> DescriptorTables.loadTableRegister(cpu, insn, true);
            case SGDT -> DescriptorTables.storeTableRegister(cpu, insn, false);
            case SIDT -> DescriptorTables.storeTableRegister(cpu, insn, true);
            case LLDT -> DescriptorTables.loadLdt(cpu, insn);
            case SLDT -> DescriptorTables.storeSelector(cpu, insn, s.ldtrSelector);
            case LTR -> DescriptorTables.loadTaskRegister(cpu, insn);
            case STR -> DescriptorTables.storeSelector(cpu, insn, s.trSelector);
            case LMSW -> {
                requireCpl0(s);
                // SDM Vol.2 LMSW: loads PE, MP, EM, TS; it can set PE but never clear it
                long msw = Operands.read(cpu, insn, 0, 2) & 0xF;
                ControlRegisters.write(cpu, 0, (s.cr0 & ~0xEL) | msw);
            }
            case SMSW -> {
                int size = insn.kind0 == Instruction.K_MEM ? 2 : insn.opSize;
                Operands.write(cpu, insn, 0, size, s.cr0 & (size == 2 ? 0xFFFF : 0xFFFF_FFFFL));
            }
            case CLTS -> {
                requireCpl0(s);
                s.cr0 &= ~ControlRegisters.CR0_TS;
            }
            case INVLPG -> {
                requireCpl0(s);
                cpu.mmu.flushPage(Operands.effectiveAddress(cpu, insn));
            }
            case WBINVD, INVD -> requireCpl0(s); // no caches are modelled
            case CLI -> {
                requireIopl(s);
                s.rflagsControl &= ~CpuState.IF;
            }
            case STI -> {
                requireIopl(s);
                s.rflagsControl |= CpuState.IF; // the interrupt shadow is set by the execution loop
            }
            case HLT -> {
                requireCpl0(s);
                s.halted = true;
            }
            case IN -> PortIo.in(cpu, insn);
            case OUT -> PortIo.out(cpu, insn);
            case INS -> PortIo.ins(cpu, insn);
            case OUTS -> PortIo.outs(cpu, insn);
            case INT -> softwareInterrupt(cpu, (int) insn.imm & 0xFF);
            case INT3 -> softwareInterrupt(cpu, CpuFault.BP);
            case INT1 -> icebp(cpu);
            case INTO -> throw CpuFault.ud(); // invalid in 64-bit mode
            case IRET -> FarTransfers.iret(cpu, insn);
            case SYSCALL -> {
                if (cpu.userModeTraps() != null) {
                    cpu.userModeTraps().systemCall(cpu);
                } else {
                    FarTransfers.syscall(cpu);
                }
            }
            case SYSRET -> FarTransfers.sysret(cpu, insn);
            case SWAPGS -> FarTransfers.swapgs(cpu);
            case JMP_FAR -> FarTransfers.jmpFar(cpu, insn);
            case CALL_FAR -> FarTransfers.callFar(cpu, insn);
            case RET_FAR -> FarTransfers.retFar(cpu, insn);
            case RDFSBASE -> readBase(cpu, insn, CpuState.FS);
            case RDGSBASE -> readBase(cpu, insn, CpuState.GS);
            case WRFSBASE -> writeBase(cpu, insn, CpuState.FS);
            case WRGSBASE -> writeBase(cpu, insn, CpuState.GS);
            case XGETBV -> throw CpuFault.ud(); // no XSAVE: CPUID.1:ECX.OSXSAVE is clear
            default -> throw CpuFault.ud();
        }
    }

    private static void requireCpl0(CpuState s) {
        if (s.cpl != 0) {
            throw CpuFault.gp(0);
        }
    }

    /** CLI/STI: IF may change only when CPL <= IOPL (SDM Vol.2 CLI; VME/PVI are not offered). */
    private static void requireIopl(CpuState s) {
        if (s.cpl > ((s.rflagsControl >>> 12) & 3)) {
            throw CpuFault.gp(0);
        }
    }

    /** RDTSC/RDTSCP (SDM Vol.2): CR4.TSD restricts them to CPL 0. */
    private static void rdtsc(Cpu cpu, boolean withAux) {
        CpuState s = cpu.state;
        if ((s.cr4 & ControlRegisters.CR4_TSD) != 0 && s.cpl != 0) {
            throw CpuFault.gp(0);
        }
        long tsc = cpu.platform.clock().tsc() + s.tscOffset;
        s.gpr[CpuState.RAX] = tsc & 0xFFFF_FFFFL;
        s.gpr[CpuState.RDX] = tsc >>> 32;
        if (withAux) {
            s.gpr[CpuState.RCX] = s.tscAux & 0xFFFF_FFFFL;
        }
    }

    /** MOV/POP to a segment register other than CS (the decoder rejects CS with #UD). */
    private static void loadSegment(Cpu cpu, int seg, int selector) {
        if (seg == CpuState.SS) {
            long d = Segments.checkStack(cpu, selector, cpu.state.cpl);
            Segments.loadStack(cpu, selector, d);
        } else if (seg == CpuState.CS) {
            throw CpuFault.ud();
        } else {
            Segments.loadData(cpu, seg, selector);
        }
    }

    /** PUSH FS/GS: 8 bytes (selector zero-extended), or 2 with a 66 prefix. */
    private static void pushSegment(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long rsp = s.gpr[CpuState.RSP] - size;
        Operands.writeMem(cpu, rsp, size, s.segSelector[insn.reg0]);
        s.gpr[CpuState.RSP] = rsp;
    }

    /** POP FS/GS: the load is checked before RSP moves, so a fault leaves RSP unchanged. */
    private static void popSegment(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long rsp = s.gpr[CpuState.RSP];
        int selector = (int) Operands.readMem(cpu, rsp, size) & 0xFFFF;
        loadSegment(cpu, insn.reg0, selector);
        s.gpr[CpuState.RSP] = rsp + size;
    }

    /** RDFSBASE/RDGSBASE (SDM Vol.2): #UD unless CR4.FSGSBASE; a 32-bit form zero-extends. */
    private static void readBase(Cpu cpu, Instruction insn, int seg) {
        CpuState s = cpu.state;
        requireFsgsbase(s);
        Operands.writeGpr(s, insn.reg0, insn.opSize, s.segBase[seg]);
    }

    /** WRFSBASE/WRGSBASE: a non-canonical 64-bit value raises #GP(0). */
    private static void writeBase(Cpu cpu, Instruction insn, int seg) {
        CpuState s = cpu.state;
        requireFsgsbase(s);
        long v = Operands.readGpr(s, insn.reg0, insn.opSize);
        if (!Mmu.isCanonical(v)) {
            throw CpuFault.gp(0);
        }
        s.segBase[seg] = v;
    }

    private static void requireFsgsbase(CpuState s) {
        if ((s.cr4 & ControlRegisters.CR4_FSGSBASE) == 0 || !s.longModeActive()) {
            throw CpuFault.ud();
        }
    }

    /**
     * INT1 (ICEBP): a #DB trap delivered like a hardware one, without the gate DPL check of INT n
     * (SDM Vol.3 6.12.1.1), so a user-mode kernel sees it as an exception, not a software interrupt.
     */
    private static void icebp(Cpu cpu) {
        UserModeTraps traps = cpu.userModeTraps();
        if (traps != null) {
            traps.exception(cpu, CpuFault.of(CpuFault.DB));
        } else {
            InterruptDelivery.deliverIcebp(cpu);
        }
    }

    /** INT n and INT3: through the IDT, or as a trap to the installed user-mode kernel. */
    private static void softwareInterrupt(Cpu cpu, int vector) {
        UserModeTraps traps = cpu.userModeTraps();
        if (traps != null) {
            traps.exception(cpu, CpuFault.softwareInterrupt(vector));
        } else {
            InterruptDelivery.deliverSoftware(cpu, vector);
        }
    }
}
