package dev.jefevm.launcher.monitor;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;

/**
 * Formats one CPU's state the way QEMU's "info registers" prints an x86_64 CPU: GPRs, RIP and
 * RFLAGS, the segment caches (selector, base, limit, descriptor flags), descriptor tables,
 * control and debug registers and EFER.
 */
public final class RegisterDump {

    private static final String[] GPR_NAMES = {
        "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP",
        "R8 ", "R9 ", "R10", "R11", "R12", "R13", "R14", "R15",
    };
    private static final int[] GPR_ORDER = {
        CpuState.RAX, CpuState.RBX, CpuState.RCX, CpuState.RDX, CpuState.RSI, CpuState.RDI,
        CpuState.RBP, CpuState.RSP, 8, 9, 10, 11, 12, 13, 14, 15,
    };
    private static final String[] SEG_NAMES = {"ES =", "CS =", "SS =", "DS =", "FS =", "GS ="};

    private RegisterDump() {
    }

    /** The dump of {@code s}, lines separated by '\n' and ending with one. */
    public static String format(CpuState s) {
        StringBuilder b = new StringBuilder(1024);
        for (int i = 0; i < GPR_ORDER.length; i++) {
            b.append(GPR_NAMES[i]).append('=').append(hex(s.gpr[GPR_ORDER[i]], 16));
            b.append(i % 4 == 3 ? '\n' : ' ');
        }
        long rflags = Flags.get(s);
        b.append("RIP=").append(hex(s.rip, 16)).append(" RFL=").append(hex(rflags, 8))
                .append(" [").append(flagLetters(rflags)).append("] CPL=").append(s.cpl)
                .append(" II=").append(s.interruptShadow ? 1 : 0)
                .append(" HLT=").append(s.halted ? 1 : 0).append('\n');
        for (int seg = 0; seg < 6; seg++) {
            segment(b, SEG_NAMES[seg], s.segSelector[seg], s.segBase[seg], s.segLimit[seg], s.segAttributes[seg]);
        }
        segment(b, "LDT=", s.ldtrSelector, s.ldtrBase, s.ldtrLimit, 0x82);
        segment(b, "TR =", s.trSelector, s.trBase, s.trLimit, s.trAttributes);
        b.append("GDT=     ").append(hex(s.gdtrBase, 16)).append(' ').append(hex(s.gdtrLimit, 8)).append('\n');
        b.append("IDT=     ").append(hex(s.idtrBase, 16)).append(' ').append(hex(s.idtrLimit, 8)).append('\n');
        b.append("CR0=").append(hex(s.cr0, 8)).append(" CR2=").append(hex(s.cr2, 16))
                .append(" CR3=").append(hex(s.cr3, 16)).append(" CR4=").append(hex(s.cr4, 8)).append('\n');
        for (int i = 0; i < 4; i++) {
            b.append("DR").append(i).append('=').append(hex(s.dr[i], 16)).append(i == 3 ? '\n' : ' ');
        }
        b.append("DR6=").append(hex(s.dr[6], 16)).append(" DR7=").append(hex(s.dr[7], 16)).append('\n');
        b.append("EFER=").append(hex(s.efer, 16)).append('\n');
        return b.toString();
    }

    /** QEMU's seven flag letters, most significant first: D O S Z A P C, '-' when clear. */
    private static String flagLetters(long rflags) {
        char[] c = new char[7];
        long[] bits = {CpuState.DF, CpuState.OF, CpuState.SF, CpuState.ZF, CpuState.AF, CpuState.PF, CpuState.CF};
        String letters = "DOSZAPC";
        for (int i = 0; i < 7; i++) {
            c[i] = (rflags & bits[i]) != 0 ? letters.charAt(i) : '-';
        }
        return new String(c);
    }

    private static void segment(StringBuilder b, String name, int selector, long base, int limit, int attributes) {
        // Descriptor high dword layout (SDM Vol.3 3.4.5): bits 8-15 type/S/DPL/P, bits 20-23 AVL/L/D/G
        int flags = ((attributes & 0xFF) << 8) | (((attributes >> 8) & 0xF) << 20);
        b.append(name).append(hex(selector, 4)).append(' ').append(hex(base, 16)).append(' ')
                .append(hex(limit & 0xFFFF_FFFFL, 8)).append(' ').append(hex(flags, 8)).append('\n');
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }
}
