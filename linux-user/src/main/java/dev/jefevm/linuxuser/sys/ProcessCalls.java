package dev.jefevm.linuxuser.sys;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.linuxuser.LinuxUserException;
import dev.jefevm.linuxuser.elf.ElfImage;
import dev.jefevm.linuxuser.proc.CpuContext;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.mem.GuestMemoryExhausted;
import dev.jefevm.linuxuser.proc.Process;
import dev.jefevm.linuxuser.signal.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Process system calls: clone/fork/vfork (a process with a copied address space; vfork's parent
 * waits until the child execs or exits), execve (ELF or "#!" script), exit, wait4, kill. Threads
 * (CLONE_THREAD) are not supported.
 */
final class ProcessCalls {

    static final long CLONE_VM = 0x100, CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x10_0000, CLONE_CHILD_CLEARTID = 0x20_0000, CLONE_CHILD_SETTID = 0x100_0000;
    static final int WNOHANG = 1;
    private static final int MAX_ARGS = 65536;

    private final Kernel kernel;

    ProcessCalls(Kernel kernel) {
        this.kernel = kernel;
    }

    long clone(Process p, long flags, long stack, long parentTid, long childTid, long tls) {
        if ((flags & CLONE_THREAD) != 0) {
            return -Errno.EINVAL;
        }
        AddressSpace space;
        try {
            space = p.space.copy();
        } catch (GuestMemoryExhausted e) {
            return -Errno.ENOMEM; // fork fails; the parent goes on
        }
        Process child = kernel.newProcess(p);
        child.space = space;
        child.fds = p.fds.copy();
        child.cwd = p.cwd;
        child.exe = p.exe;
        child.umask = p.umask;
        System.arraycopy(p.actions, 0, child.actions, 0, p.actions.length);
        child.blockedSignals = p.blockedSignals;
        child.altStackBase = p.altStackBase;
        child.altStackSize = p.altStackSize;
        child.altStackFlags = p.altStackFlags;
        CpuContext.copy(kernel.cpu.state, child.saved);
        child.saved.cr3 = child.space.root();
        child.saved.gpr[CpuState.RAX] = 0;
        if (stack != 0) {
            child.saved.gpr[CpuState.RSP] = stack;
        }
        if ((flags & CLONE_SETTLS) != 0) {
            child.saved.segBase[CpuState.FS] = tls;
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            child.space.write32(childTid, child.pid);
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.clearChildTid = childTid;
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            p.space.write32(parentTid, child.pid);
        }
        if ((flags & CLONE_VFORK) != 0) {
            p.vforkChild = child;
        }
        return child.pid;
    }

    long execve(Process p, long pathPtr, long argvPtr, long envPtr) {
        String name = p.space.readString(pathPtr, 4096);
        Path path = kernel.syscalls().files.resolve(p, FileCalls.AT_FDCWD, name);
        List<String> argv = strings(p, argvPtr);
        List<String> env = strings(p, envPtr);
        if (argv == null || env == null) {
            return -Errno.E2BIG;
        }
        if (!Files.exists(path)) {
            return -Errno.ENOENT;
        }
        if (Files.isDirectory(path) || !Files.isExecutable(path)) {
            return -Errno.EACCES;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            return Errno.of(e);
        }
        if (bytes.length > 2 && bytes[0] == '#' && bytes[1] == '!') {
            // A script: run its interpreter with the script's path in place of argv[0] (execve(2)).
            int end = 2;
            while (end < bytes.length && end < 256 && bytes[end] != '\n') {
                end++;
            }
            String[] line = new String(bytes, 2, end - 2, StandardCharsets.UTF_8).strip().split("\\s+", 2);
            if (line[0].isEmpty()) {
                return -Errno.ENOEXEC;
            }
            List<String> newArgv = new ArrayList<>();
            newArgv.add(line[0]);
            if (line.length > 1) {
                newArgv.add(line[1]);
            }
            newArgv.add(name);
            newArgv.addAll(argv.subList(Math.min(1, argv.size()), argv.size()));
            path = kernel.syscalls().files.resolve(p, FileCalls.AT_FDCWD, line[0]);
            argv = newArgv;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                return Errno.of(e);
            }
        }
        ElfImage image;
        ElfImage interpreter = null;
        try {
            image = ElfImage.parse(path.toString(), bytes);
            if (image.interpreter != null) {
                Path loader = Path.of(image.interpreter);
                if (!Files.isRegularFile(loader)) {
                    return -Errno.ENOENT; // as Linux reports a missing dynamic loader
                }
                interpreter = ElfImage.read(loader);
            }
        } catch (LinuxUserException e) {
            return -Errno.ENOEXEC;
        }
        kernel.exec(p, image, interpreter, path.toAbsolutePath(), argv, env);
        return Kernel.KEEP_REGISTERS;
    }

    /** A NULL-terminated array of string pointers, or null if too long. */
    private static List<String> strings(Process p, long arrayPtr) {
        List<String> out = new ArrayList<>();
        if (arrayPtr == 0) {
            return out;
        }
        for (int i = 0; i < MAX_ARGS; i++) {
            long s = p.space.read64(arrayPtr + i * 8L);
            if (s == 0) {
                return out;
            }
            out.add(p.space.readString(s, 131072));
        }
        return null;
    }

    long exit(Process p, int code) {
        kernel.terminate(p, Process.exitedStatus(code));
        return Kernel.KEEP_REGISTERS;
    }

    long wait4(Process p, int pid, long statusPtr, int options, long rusage) {
        Process found = null;
        boolean any = false;
        for (Process c : p.children) {
            if (pid > 0 && c.pid != pid) {
                continue;
            }
            any = true;
            if (c.isZombie()) {
                found = c;
                break;
            }
        }
        if (!any) {
            return -Errno.ECHILD;
        }
        if (found == null) {
            return (options & WNOHANG) != 0 ? 0 : Errno.BLOCK;
        }
        if (statusPtr != 0) {
            p.space.write32(statusPtr, found.waitStatus);
        }
        if (rusage != 0) {
            p.space.write(rusage, new byte[144], 0, 144);
        }
        kernel.reap(found);
        return found.pid;
    }

    long kill(Process p, int pid, int sig) {
        if (sig < 0 || sig > Signals.NSIG) {
            return -Errno.EINVAL;
        }
        List<Process> targets = new ArrayList<>();
        for (Process q : kernel.processes) {
            if (q.isZombie()) {
                continue;
            }
            if (pid <= 0 || q.pid == pid) { // pid 0 and -N: one process group holds everyone here
                targets.add(q);
            }
        }
        if (pid == -1) {
            targets.remove(p);
        }
        if (targets.isEmpty()) {
            return -Errno.ESRCH;
        }
        if (sig != 0) {
            for (Process q : targets) {
                q.raise(sig);
            }
        }
        return 0;
    }
}
