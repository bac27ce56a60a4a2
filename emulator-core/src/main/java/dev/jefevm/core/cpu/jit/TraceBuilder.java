package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.interp.FastPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a {@link Trace} from a {@link CodeSnapshot}: from the entry, follows fall-through and
 * the targets of JMP/Jcc that stay in the page, up to a number of instructions. A path stops at a
 * SYSTEM-family instruction (the interpreter runs it), at an instruction that would run into the
 * next page or fail to decode (the interpreter faults on it precisely), at bytes already decoded
 * as part of another instruction, at RET, after the instructions after which the interpreter
 * ends a block, and after a CALL whose callee is not inlined. A CALL rel, or a CALL through a
 * pointer whose profile shows one target, is inlined when the callee is a leaf: decoded the same
 * way from its own page, it makes no call, reaches a RET and fits {@link #MAX_CALLEE}
 * instructions; decoding then goes on after the call, where the callee returns to.
 */
final class TraceBuilder implements Decoder.CodeSource {

    private static final int PAGE = 4096;
    /** The longest callee inlined: a comparator, an accessor or a small helper, not a whole routine. */
    static final int MAX_CALLEE = 24;

    private final Decoder decoder = new Decoder();
    private byte[] page;
    private long pageLinear;
    private boolean crossed;
    /** Instructions decoded so far over all segments. */
    private int total;

    /** The instructions decoded from one page, by offset, starting at {@code start}; a callee's also its call site. */
    private static final class Segment {
        final CodeSnapshot.Page page;
        final int start;
        final Instruction[] at = new Instruction[PAGE];
        final int[] indexOf = new int[PAGE];
        /** Call sites (offset in this segment) whose callee is inlined. */
        final Map<Integer, Segment> callees = new LinkedHashMap<>();
        int count;

        Segment(CodeSnapshot.Page page, int start) {
            this.page = page;
            this.start = start;
        }

        long linear(int off) {
            return page.linear() + off;
        }
    }

    @Override
    public int codeByte(long address) {
        long off = address - pageLinear;
        if (off < 0 || off >= PAGE) {
            crossed = true;
            return 0x90;
        }
        return page[(int) off] & 0xFF;
    }

    /** The trace at {@code linear} (in the snapshot's entry page), or null if its first instruction is not translatable. */
    Trace build(CodeSnapshot code, long linear, int maxInstructions) {
        CodeSnapshot.Page entryPage = code.entryPage();
        Segment main = new Segment(entryPage, (int) (linear - entryPage.linear()));
        total = 0;
        decode(main, code, maxInstructions, code.inlineCalls);
        if (main.at[main.start] == null) {
            return null;
        }
        return assemble(main, linear, entryPage.phys() | (linear & (PAGE - 1)));
    }

    /**
     * Decodes {@code seg} while the instructions over all segments stay under {@code limit};
     * returns false if the segment is not a whole leaf callee (only asked of callees, {@code
     * inlineCalls} false): it calls, is cut short by the limit, or has no RET.
     */
    private boolean decode(Segment seg, CodeSnapshot code, int limit, boolean inlineCalls) {
        select(seg);
        boolean[] covered = new boolean[PAGE];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.add(seg.start);
        boolean whole = true;
        boolean returns = false;
        while (!work.isEmpty()) {
            int off = work.poll();
            while (off < PAGE && seg.at[off] == null && !covered[off]) {
                if (total >= limit) {
                    whole = false;
                    break;
                }
                long rip = seg.linear(off);
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
                seg.at[off] = insn;
                for (int k = 0; k < insn.length; k++) {
                    covered[off + k] = true;
                }
                seg.count++;
                total++;
                boolean isNative = NativeSupport.isNative(insn, rip);
                if (isNative && (insn.op == Op.JMP || insn.op == Op.JCC)) {
                    long targetLinear = rip + insn.length + insn.imm;
                    if (((targetLinear ^ rip) & -PAGE) == 0) {
                        work.add((int) (targetLinear - seg.page.linear()));
                    }
                    if (insn.op == Op.JMP) {
                        break;
                    }
                } else if (insn.op == Op.CALL || insn.op == Op.CALL_INDIRECT) {
                    if (!inlineCalls) {
                        whole = false; // not a leaf
                        break;
                    }
                    Segment callee = isNative ? callee(code, insn, rip, limit) : null;
                    select(seg);
                    if (callee == null) {
                        break;
                    }
                    seg.callees.put(off, callee); // and decoding goes on where the callee returns to
                } else if (insn.op == Op.RET) {
                    returns = true;
                    break;
                } else if (FastPath.endsBlock(insn)) {
                    break;
                }
                off += insn.length;
            }
        }
        return whole && returns;
    }

    /** The inlined body of the call {@code insn} at {@code rip}, or null if it has no single known leaf callee. */
    private Segment callee(CodeSnapshot code, Instruction insn, long rip, int limit) {
        long target = insn.op == Op.CALL ? rip + insn.length + insn.imm : code.callTarget(rip);
        if (insn.op == Op.CALL_INDIRECT && target == -1) {
            return null;
        }
        CodeSnapshot.Page p = code.page(target & -PAGE);
        if (p == null) {
            return null;
        }
        Segment s = new Segment(p, (int) (target - p.linear()));
        int before = total;
        if (!decode(s, code, Math.min(limit, total + MAX_CALLEE), false)) {
            total = before;
            return null;
        }
        return s;
    }

    private void select(Segment seg) {
        page = seg.page.bytes();
        pageLinear = seg.page.linear();
    }

    private static boolean overlaps(boolean[] covered, int off, int length) {
        for (int k = 0; k < length; k++) {
            if (off + k >= PAGE || covered[off + k]) {
                return true;
            }
        }
        return false;
    }

    private Trace assemble(Segment main, long linear, long phys) {
        List<Segment> segments = new ArrayList<>();
        segments.add(main);
        segments.addAll(main.callees.values());
        int n = 0;
        for (Segment s : segments) {
            Arrays.fill(s.indexOf, -1);
            for (int off = 0; off < PAGE; off++) {
                if (s.at[off] != null) {
                    s.indexOf[off] = n++;
                }
            }
        }
        Instruction[] insns = new Instruction[n];
        long[] rips = new long[n];
        int[] next = new int[n];
        int[] target = new int[n];
        boolean[] inlined = new boolean[n];
        long[] expected = new long[n];
        int[] segmentEnd = new int[n];
        boolean[] join = new boolean[n];
        List<CodeSnapshot.Page> pages = new ArrayList<>();
        int end = 0;
        for (Segment s : segments) {
            end += s.count;
            if (!pages.contains(s.page)) {
                pages.add(s.page);
            }
            for (int off = 0; off < PAGE; off++) {
                int i = s.indexOf[off];
                if (i < 0) {
                    continue;
                }
                Instruction insn = s.at[off];
                insns[i] = insn;
                rips[i] = s.linear(off);
                segmentEnd[i] = end;
                int nextOff = off + insn.length;
                next[i] = nextOff < PAGE ? s.indexOf[nextOff] : -1;
                target[i] = -1;
                if (insn.op == Op.JMP || insn.op == Op.JCC) {
                    long t = rips[i] + insn.length + insn.imm;
                    if (((t ^ rips[i]) & -PAGE) == 0) {
                        target[i] = s.indexOf[(int) (t - s.page.linear())];
                    }
                }
            }
        }
        for (Map.Entry<Integer, Segment> site : main.callees.entrySet()) {
            int call = main.indexOf[site.getKey()];
            Segment callee = site.getValue();
            inlined[call] = true;
            target[call] = callee.indexOf[callee.start];
            expected[call] = callee.linear(callee.start);
            long returnRip = rips[call] + insns[call].length;
            int after = site.getKey() + insns[call].length;
            for (int off = 0; off < PAGE; off++) {
                int i = callee.indexOf[off];
                if (i >= 0 && insns[i].op == Op.RET && NativeSupport.isNative(insns[i], rips[i])) {
                    inlined[i] = true;
                    expected[i] = returnRip;
                    target[i] = after < PAGE ? main.indexOf[after] : -1;
                }
            }
        }
        join[main.indexOf[main.start]] = true;
        for (int i = 0; i < n; i++) {
            if (target[i] >= 0 && NativeSupport.isNative(insns[i], rips[i])) {
                join[target[i]] = true;
            }
        }
        return new Trace(linear, phys, insns, rips, main.indexOf[main.start], next, target, inlined, expected,
                segmentEnd, join, pages);
    }
}
