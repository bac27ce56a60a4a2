package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.memory.PhysicalMemory;

/**
 * Decodes a basic block starting at a linear address whose page is already translated. A block
 * ends after a control transfer, a SYSTEM-family instruction, POPF, a REP string instruction
 * (which may leave RIP on itself to resume) or at the page's end. Bytes
 * in that page are read straight from physical memory; an instruction that runs into the next
 * page is translated byte by byte (with fetch faults) and is always the block's last
 * instruction, and such a block is not cached (its second page could be remapped).
 */
final class BlockBuilder implements Decoder.CodeSource {

    static final int MAX_INSTRUCTIONS = 64;
    private static final boolean[] ENDS_BLOCK = new boolean[Op.values().length];

    static {
        for (Op op : Op.values()) {
            ENDS_BLOCK[op.ordinal()] = op.family() == Op.Family.SYSTEM;
        }
        for (Op op : new Op[] {Op.JMP, Op.JMP_INDIRECT, Op.JCC, Op.CALL, Op.CALL_INDIRECT, Op.RET,
                Op.LOOP, Op.LOOPE, Op.LOOPNE, Op.JRCXZ, Op.POPF, Op.UD2}) {
            ENDS_BLOCK[op.ordinal()] = true;
        }
    }

    private final Decoder decoder = new Decoder();
    private final PhysicalMemory memory;
    private final Mmu mmu;
    private final Instruction[] scratch = new Instruction[MAX_INSTRUCTIONS];
    private long pageLinear;
    private long pagePhys;
    private boolean crossed;
    /** True if the last built block may be cached (it stays within its page). */
    boolean cacheable;

    BlockBuilder(PhysicalMemory memory, Mmu mmu) {
        this.memory = memory;
        this.mmu = mmu;
    }

    static boolean endsBlock(Op op) {
        return ENDS_BLOCK[op.ordinal()];
    }

    @Override
    public int codeByte(long address) {
        if (((address ^ pageLinear) >>> PhysicalMemory.PAGE_SHIFT) == 0) {
            return memory.read8(pagePhys + (address & (PhysicalMemory.PAGE_SIZE - 1)));
        }
        crossed = true;
        return memory.read8(mmu.translate(address, Mmu.FETCH));
    }

    /**
     * Decodes from {@code linear} (physical {@code phys}). A fault on the first instruction is
     * thrown; a fault on a later one ends the block before it (it faults when reached).
     */
    Block build(long linear, long phys, int generation) {
        pageLinear = linear & -PhysicalMemory.PAGE_SIZE;
        pagePhys = phys & -PhysicalMemory.PAGE_SIZE;
        cacheable = true;
        int n = 0;
        long address = linear;
        while (n < MAX_INSTRUCTIONS) {
            crossed = false;
            Instruction insn;
            try {
                insn = decoder.decode(this, address);
            } catch (CpuFault f) {
                if (n == 0) {
                    throw f;
                }
                cacheable = false; // a fault depends on more than this page's bytes
                break;
            }
            if (crossed) {
                if (n > 0) {
                    break; // decoded again as the first instruction of its own block
                }
                cacheable = false;
                scratch[n++] = insn;
                break;
            }
            scratch[n++] = insn;
            address += insn.length;
            if (ENDS_BLOCK[insn.op.ordinal()] || Strings.isRepeated(insn)
                    || ((address ^ linear) >>> PhysicalMemory.PAGE_SHIFT) != 0) {
                break;
            }
        }
        Instruction[] insns = new Instruction[n];
        System.arraycopy(scratch, 0, insns, 0, n);
        return new Block(phys, generation, insns);
    }
}
