package dev.jefevm.linuxuser.sys;

import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.linuxuser.fs.FdTable;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.mem.FrameAllocator;
import dev.jefevm.linuxuser.mem.Vma;
import dev.jefevm.linuxuser.proc.Process;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A process with 64 KiB of scratch memory at {@link #SCRATCH}, for calling system-call groups directly. */
final class GuestProcess {

    static final long SCRATCH = 0x10000;

    final Process process = new Process(1);
    private long next = SCRATCH;

    GuestProcess(Path cwd) {
        PhysicalMemory memory = new PhysicalMemory(4L << 20);
        process.space = new AddressSpace(memory, new FrameAllocator(memory));
        process.space.map(SCRATCH, SCRATCH + 0x10000, Vma.READ | Vma.WRITE, "scratch");
        process.fds = new FdTable();
        process.cwd = cwd;
    }

    /** Copies {@code s} NUL-terminated into scratch memory; returns its address. */
    long string(String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        return bytes(b);
    }

    /** Copies {@code words} into scratch memory (little endian); returns the address of the first. */
    long longs(long... words) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(words.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            b.putLong(w);
        }
        return bytes(b.array());
    }

    /** Reserves {@code n} zeroed bytes; returns their address. */
    long buffer(int n) {
        return bytes(new byte[n]);
    }

    private long bytes(byte[] b) {
        long at = next;
        process.space.write(at, b, 0, b.length);
        next = (next + b.length + 15) & ~15L;
        return at;
    }
}
