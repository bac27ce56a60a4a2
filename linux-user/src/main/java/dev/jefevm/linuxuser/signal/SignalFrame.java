package dev.jefevm.linuxuser.signal;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.linuxuser.mem.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The x86_64 {@code struct rt_sigframe} a handler runs on (Linux x86_64 ABI; field order from
 * sys/ucontext.h and bits/sigcontext.h): the return address (sa_restorer), a {@code ucontext}
 * holding the interrupted registers as {@code struct sigcontext} and the old signal mask, the
 * {@code siginfo}, and, 64-byte aligned above them, the FXSAVE image the sigcontext's fpstate
 * points to (SDM Vol.1 10.5.1). {@link #push} builds it and points the CPU at the handler;
 * {@link #restore} is rt_sigreturn.
 */
public final class SignalFrame {

    static final int UC = 8, UC_STACK = UC + 16, MCONTEXT = UC + 40, SIGMASK = UC + 296, INFO = UC + 304;
    static final int FRAME_SIZE = INFO + 128;
    static final int FPSTATE_SIZE = 512;
    /** The red zone below RSP that leaf functions may use (SysV ABI 3.2.2). */
    static final long RED_ZONE = 128;
    /** RFLAGS bits a handler may change through sigcontext (Linux FIX_EFLAGS: CF PF AF ZF SF TF DF OF AC ID... ). */
    static final long USER_FLAGS = 0x0025_4DD5L;

    // sigcontext greg order: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp
    private static final int[] GREG_ORDER = {8, 9, 10, 11, 12, 13, 14, 15, CpuState.RDI, CpuState.RSI,
        CpuState.RBP, CpuState.RBX, CpuState.RDX, CpuState.RAX, CpuState.RCX, CpuState.RSP};

    private SignalFrame() {
    }

    /** What the siginfo says: signal, code, and the union's first words (si_addr, or si_pid/si_uid/si_status). */
    public record Info(int signo, int code, long addressOrPid, int uid, int status, int trapNumber, int errorCode,
            long cr2) {
    }

    /**
     * Pushes a frame for {@code info.signo()} with the registers in {@code s}, then sets RIP, RSP,
     * RDI, RSI, RDX for the handler. {@code oldMask} is the mask to restore at sigreturn.
     */
    public static void push(CpuState s, AddressSpace space, SignalAction action, Info info, long oldMask,
            long altBase, long altSize, boolean useAltStack) {
        long sp = useAltStack ? altBase + altSize : s.gpr[CpuState.RSP] - RED_ZONE;
        long fpstate = (sp - FPSTATE_SIZE) & ~63L;
        long frame = ((fpstate - FRAME_SIZE) & ~15L) - 8;

        ByteBuffer b = ByteBuffer.allocate(FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, action.restorer());
        b.putLong(UC_STACK, altBase).putInt(UC_STACK + 8, useAltStack ? 1 : (altSize == 0 ? 2 : 0))
                .putLong(UC_STACK + 16, altSize);
        for (int i = 0; i < 16; i++) {
            b.putLong(MCONTEXT + i * 8, s.gpr[GREG_ORDER[i]]);
        }
        b.putLong(MCONTEXT + 128, s.rip).putLong(MCONTEXT + 136, Flags.get(s));
        b.putShort(MCONTEXT + 144, (short) s.segSelector[CpuState.CS]);
        b.putShort(MCONTEXT + 150, (short) s.segSelector[CpuState.SS]);
        b.putLong(MCONTEXT + 152, info.errorCode()).putLong(MCONTEXT + 160, info.trapNumber())
                .putLong(MCONTEXT + 168, oldMask).putLong(MCONTEXT + 176, info.cr2()).putLong(MCONTEXT + 184, fpstate);
        b.putLong(SIGMASK, oldMask);
        b.putInt(INFO, info.signo()).putInt(INFO + 8, info.code()).putLong(INFO + 16, info.addressOrPid());
        if (info.signo() == Signals.SIGCHLD || info.code() <= 0) {
            b.putInt(INFO + 16, (int) info.addressOrPid()).putInt(INFO + 20, info.uid()).putInt(INFO + 24, info.status());
        }
        space.write(frame, b.array(), 0, FRAME_SIZE);
        byte[] fx = FxsaveImage.save(s);
        space.write(fpstate, fx, 0, fx.length);

        s.gpr[CpuState.RSP] = frame;
        s.gpr[CpuState.RDI] = info.signo();
        s.gpr[CpuState.RSI] = frame + INFO;
        s.gpr[CpuState.RDX] = frame + UC;
        s.gpr[CpuState.RAX] = 0;
        s.rip = action.handler();
        // SysV ABI 3.4.1: DF clear on function entry; TF cleared so the handler is not traced.
        Flags.set(s, Flags.get(s) & ~(CpuState.DF | CpuState.TF));
    }

    /** rt_sigreturn: reloads the registers from the frame at RSP - 8; returns the saved mask. */
    public static long restore(CpuState s, AddressSpace space) {
        long frame = s.gpr[CpuState.RSP] - 8;
        byte[] raw = new byte[FRAME_SIZE];
        space.read(frame, raw, 0, FRAME_SIZE);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            s.gpr[GREG_ORDER[i]] = b.getLong(MCONTEXT + i * 8);
        }
        s.rip = b.getLong(MCONTEXT + 128);
        long flags = Flags.get(s);
        Flags.set(s, (flags & ~USER_FLAGS) | (b.getLong(MCONTEXT + 136) & USER_FLAGS));
        long fpstate = b.getLong(MCONTEXT + 184);
        if (fpstate != 0) {
            byte[] fx = new byte[FPSTATE_SIZE];
            space.read(fpstate, fx, 0, fx.length);
            FxsaveImage.load(s, fx);
        }
        return b.getLong(SIGMASK);
    }
}
