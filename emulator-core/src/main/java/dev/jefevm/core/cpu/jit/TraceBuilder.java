package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import java.util.ArrayDeque;

/**
 * Decodes a {@link Trace} from a snapshot of one 4 KiB code page: from the entry, follows
 * fall-through and the targets of JMP/Jcc that stay in the page, up to a number of instructions.
 * A path stops at a SYSTEM-family instruction (the interpreter runs it), at an instruction that
 * would run into the next page or fail to decode (the interpreter faults on it precisely), at
 * bytes already decoded as part of another instruction, and after CALL, RET and the
 * instructions after which the interpreter ends a block.
 */
final class TraceBuilder implements Decoder.CodeSource {

    private static final int PAGE = 4096;

    private final Decoder decoder = new Decoder();
    private byte[] page;
    private long pageLinear;
    private boolean crossed;

    @Override
    public int codeByte(long address) {
        long off = address - pageLinear;
        if (off < 0 || off >= PAGE) {
            crossed = true;
            return 0x90;
        }
        return page[(int) off] & 0xFF;
    }

    /** The trace at {@code linear} (physical {@code phys}) over {@code pageBytes}, or null if its first instruction is not translatable. */
    Trace build(byte[] pageBytes, long linear, long phys, int maxInstructions) {
        page = pageBytes;
        pageLinear = linear & -PAGE;
        Instruction[] at = new Instruction[PAGE];
        boolean[] covered = new boolean[PAGE];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        int start = (int) (linear - pageLinear);
        work.add(start);
        int count = 0;
        while (!work.isEmpty() && count < maxInstructions) {
            int off = work.poll();
            while (off < PAGE && count < maxInstructions && at[off] == null && !covered[off]) {
                long rip = pageLinear + off;
                Instruction insn;
                crossed = false;
                try {
                    insn = decoder.decode(this, rip);
                } catch (CpuFault f) {
                    break;
                }
                if (crossed || insn.op.family() == Op.Family.SYSTEM || overlaps(covered, off, insn.length)) {
                    break;
                }
                at[off] = insn;
                for (int k = 0; k < insn.length; k++) {
                    covered[off + k] = true;
                }
                count++;
                boolean isNative = NativeSupport.isNative(insn, rip);
                if (isNative && (insn.op == Op.JMP || insn.op == Op.JCC)) {
                    long targetLinear = rip + insn.length + insn.imm;
                    if (((targetLinear ^ rip) & -PAGE) == 0) {
                        work.add((int) (targetLinear - pageLinear));
                    }
                    if (insn.op == Op.JMP) {
                        break;
                    }
                } else if (insn.op == Op.CALL || insn.op == Op.RET || dev.jefevm.core.cpu.interp.FastPath.endsBlock(insn)) {
                    break;
                }
                off += insn.length;
            }
        }
        if (at[start] == null) {
            return null;
        }
        return assemble(at, linear, phys, start);
    }

    private static boolean overlaps(boolean[] covered, int off, int length) {
        for (int k = 0; k < length; k++) {
            if (off + k >= PAGE || covered[off + k]) {
                return true;
            }
        }
        return false;
    }

    private Trace assemble(Instruction[] at, long linear, long phys, int start) {
        int n = 0;
        int[] indexOf = new int[PAGE];
        java.util.Arrays.fill(indexOf, -1);
        for (int off = 0; off < PAGE; off++) {
            if (at[off] != null) {
                indexOf[off] = n++;
            }
        }
        Instruction[] insns = new Instruction[n];
        long[] rips = new long[n];
        int[] next = new int[n];
        int[] target = new int[n];
        boolean[] join = new boolean[n];
        for (int off = 0; off < PAGE; off++) {
            int i = indexOf[off];
            if (i < 0) {
                continue;
            }
            Instruction insn = at[off];
            insns[i] = insn;
            rips[i] = pageLinear + off;
            int nextOff = off + insn.length;
            next[i] = nextOff < PAGE ? indexOf[nextOff] : -1;
            target[i] = -1;
            if (insn.op == Op.JMP || insn.op == Op.JCC) {
                long t = rips[i] + insn.length + insn.imm;
                if (((t ^ rips[i]) & -PAGE) == 0) {
                    target[i] = indexOf[(int) (t - pageLinear)];
                }
            }
        }
        join[indexOf[start]] = true;
        for (int i = 0; i < n; i++) {
            if (target[i] >= 0 && NativeSupport.isNative(insns[i], rips[i])) {
                join[target[i]] = true;
            }
        }
        return new Trace(linear, phys, insns, rips, indexOf[start], next, target, join);
    }
}
