package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal(s) behind jefevm's own standard streams, reached through the host C library with
 * the FFM API ({@code isatty}, {@code ioctl}), so a guest program sees a real terminal as it
 * would under qemu-x86_64: it reads and changes the settings and reads the window size. The
 * settings a descriptor had before the guest first changed them are put back by
 * {@link #restore()} (at the end of the run, or by a shutdown hook if the JVM is stopped), so a
 * program that dies in raw mode does not leave the user's terminal raw. Only Linux hosts whose
 * kernel terminal ABI (asm-generic termbits, little-endian) equals the x86_64 guest's are
 * supported; elsewhere {@link #open()} gives null and no descriptor is a terminal.
 */
public final class HostTerminal {

    /** ioctl requests (asm-generic/ioctls.h), the same numbers for the guest and the host. */
    public static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404,
            TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541B;

    private static final Logger LOG = LoggerFactory.getLogger(HostTerminal.class);

    private final MethodHandle isatty;
    private final MethodHandle ioctl;
    private final MemorySegment callState;
    private final VarHandle errno;
    /** Each host descriptor's settings before the guest first changed them, to restore at exit. */
    private final Map<Integer, Termios> original = new LinkedHashMap<>();
    private Thread restoreHook;

    private HostTerminal(MethodHandle isatty, MethodHandle ioctl) {
        this.isatty = isatty;
        this.ioctl = ioctl;
        this.callState = Arena.global().allocate(Linker.Option.captureStateLayout());
        this.errno = Linker.Option.captureStateLayout().varHandle(
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    }

    /** Binds to the host C library; null on a host whose terminal ABI differs from the guest's, or without libc. */
    public static HostTerminal open() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            LOG.debug("host terminal pass-through needs Linux on x86_64 or aarch64, not {} {}", os, arch);
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle isatty = linker.downcallHandle(libc.find("isatty").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            // int ioctl(int fd, unsigned long request, ...): the pointer argument is variadic.
            MethodHandle ioctl = linker.downcallHandle(libc.find("ioctl").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.ADDRESS),
                    Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
            return new HostTerminal(isatty, ioctl);
        } catch (RuntimeException e) { // no such symbol, or native access denied (IllegalCallerException)
            LOG.debug("host terminal pass-through unavailable: {}", e.toString());
            return null;
        }
    }

    /** True if host descriptor {@code fd} is a terminal. */
    public boolean isTerminal(int fd) {
        try {
            return (int) isatty.invokeExact(fd) == 1;
        } catch (Throwable e) {
            LOG.debug("isatty({}) failed in the FFM call itself: {}", fd, e.toString());
            return false;
        }
    }

    /** TCGETS on host descriptor {@code fd}; null if the host refused (a hung-up terminal). */
    public synchronized Termios attributes(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Termios.SIZE);
            if (call(fd, TCGETS, buf) < 0) {
                return null;
            }
            return Termios.decode(buf.toArray(ValueLayout.JAVA_BYTE), 0);
        }
    }

    /**
     * TCSETS, TCSETSW or TCSETSF ({@code request}) on host descriptor {@code fd}: 0 or a negated
     * errno. The first change of a descriptor remembers its settings for {@link #restore()}.
     */
    public synchronized long setAttributes(int fd, int request, Termios settings) {
        if (!original.containsKey(fd)) {
            Termios before = attributes(fd);
            if (before != null) {
                original.put(fd, before);
                installRestoreHook();
            }
        }
        return set(fd, request, settings);
    }

    /** TIOCGWINSZ on host descriptor {@code fd}; null if the host refused. */
    public WindowSize windowSize(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(WindowSize.SIZE);
            if (call(fd, TIOCGWINSZ, buf) < 0) {
                return null;
            }
            return WindowSize.decode(buf.toArray(ValueLayout.JAVA_BYTE), 0);
        }
    }

    /** FIONREAD on host descriptor {@code fd}: bytes waiting to be read, or a negated errno. */
    public long bytesAvailable(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            long r = call(fd, FIONREAD, count);
            return r < 0 ? r : count.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** Puts back every descriptor's settings from before the guest changed them (idempotent). */
    public synchronized void restore() {
        for (Map.Entry<Integer, Termios> e : original.entrySet()) {
            Termios now = attributes(e.getKey());
            if (!e.getValue().equals(now)) {
                LOG.debug("restoring the settings of host terminal fd {}", e.getKey());
                set(e.getKey(), TCSETS, e.getValue());
            }
        }
        original.clear();
        if (restoreHook != null && Thread.currentThread() != restoreHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to run; restoring twice is harmless.
            }
        }
        restoreHook = null;
    }

    private void installRestoreHook() {
        if (restoreHook == null) {
            restoreHook = new Thread(this::restore, "jefevm-terminal-restore");
            Runtime.getRuntime().addShutdownHook(restoreHook);
        }
    }

    private long set(int fd, int request, Termios settings) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Termios.SIZE);
            buf.copyFrom(MemorySegment.ofArray(settings.encode()));
            return call(fd, request, buf);
        }
    }

    /** ioctl(fd, request, arg): 0 or more, or the host's negated errno (Linux numbers, as the guest's). */
    private synchronized long call(int fd, int request, MemorySegment arg) {
        try {
            int r = (int) ioctl.invokeExact(callState, fd, (long) request, arg);
            if (r >= 0) {
                return r;
            }
            int e = (int) errno.get(callState, 0L);
            LOG.debug("host ioctl({}, {}) failed: errno {}", fd, Integer.toHexString(request), e);
            return -(e > 0 ? e : Errno.EIO);
        } catch (Throwable e) {
            throw new IllegalStateException("ioctl failed in the FFM call itself", e);
        }
    }
}
