package dev.jefevm.linuxuser.sys;

import dev.jefevm.linuxuser.proc.Process;

/**
 * The x86_64 system-call table (numbers from arch/x86/entry/syscalls/syscall_64.tbl): decodes
 * the arguments of each call it knows and hands it to its group (files, memory, processes,
 * signals, everything else). Calls that are harmless to ignore for a single-user, single-threaded
 * emulation (prctl, madvise, fsync, setuid...) succeed without effect; unknown ones return
 * -ENOSYS and are reported once.
 */
final class Syscalls {

    final FileCalls files;
    private final AttributeCalls attributes;
    private final FileSystemCalls fileSystems;
    private final MemoryCalls memory;
    private final ProcessCalls processes;
    private final SignalCalls signals;
    private final MiscCalls misc;
    private final Kernel kernel;

    Syscalls(Kernel kernel) {
        this.kernel = kernel;
        this.files = new FileCalls();
        this.attributes = new AttributeCalls(files);
        this.fileSystems = new FileSystemCalls(files);
        this.memory = new MemoryCalls(kernel);
        this.processes = new ProcessCalls(kernel);
        this.signals = new SignalCalls(kernel);
        this.misc = new MiscCalls(kernel);
    }

    long dispatch(Process p, int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        int fd = (int) a0;
        int at = FileCalls.AT_FDCWD;
        return switch (nr) {
            case 0 -> files.read(p, fd, a1, a2);
            case 1 -> files.write(p, fd, a1, a2);
            case 2 -> files.open(p, at, a0, (int) a1, (int) a2);
            case 3 -> p.fds.close(fd);
            case 4 -> files.stat(p, at, a0, a1, 0, false);
            case 5 -> files.fstat(p, fd, a1);
            case 6 -> files.stat(p, at, a0, a1, FileCalls.AT_SYMLINK_NOFOLLOW, false);
            case 7 -> files.poll(p, a0, (int) a1, (int) a2);
            case 8 -> files.lseek(p, fd, a1, (int) a2);
            case 9 -> memory.mmap(p, a0, a1, (int) a2, (int) a3, (int) a4, a5);
            case 10 -> memory.mprotect(p, a0, a1, (int) a2);
            case 11 -> memory.munmap(p, a0, a1);
            case 12 -> memory.brk(p, a0);
            case 13 -> signals.sigaction(p, (int) a0, a1, a2, a3);
            case 14 -> signals.sigprocmask(p, (int) a0, a1, a2, a3);
            case 15 -> signals.sigreturn(p);
            case 16 -> files.ioctl(p, fd, a1, a2);
            case 17 -> files.pread(p, fd, a1, a2, a3, false);
            case 18 -> files.pread(p, fd, a1, a2, a3, true);
            case 19 -> files.readv(p, fd, a1, (int) a2, false);
            case 20 -> files.readv(p, fd, a1, (int) a2, true);
            case 21 -> files.access(p, at, a0, (int) a1);
            case 22 -> files.pipe(p, a0, 0);
            case 24 -> {
                kernel.cpu.requestStop(); // let another process run
                yield 0;
            }
            case 25 -> memory.mremap(p, a0, a1, a2, (int) a3, a4);
            case 26, 28, 74, 75, 162, 221 -> 0; // msync, madvise, fsync, fdatasync, sync, fadvise64 (advice only)
            case 32 -> files.dup(p, fd);
            case 33 -> files.dup3(p, fd, (int) a1, 0, true);
            case 34 -> Errno.BLOCK; // pause: until a signal interrupts it
            case 35 -> misc.nanosleep(p, 1, 0, a0, a1);
            case 37 -> 0; // alarm: no timers; "no alarm was pending"
            case 39, 186 -> p.pid; // getpid, gettid
            case 40 -> files.sendfile(p, fd, (int) a1, a2, a3);
            case 41 -> -Errno.EAFNOSUPPORT; // socket: no network here (glibc's nscd probe falls back quietly)
            case 56 -> processes.clone(p, a0, a1, a2, a3, a4);
            case 57 -> processes.clone(p, 17, 0, 0, 0, 0);
            case 58 -> processes.clone(p, ProcessCalls.CLONE_VM | ProcessCalls.CLONE_VFORK | 17, 0, 0, 0, 0);
            case 59 -> processes.execve(p, a0, a1, a2);
            case 60, 231 -> processes.exit(p, (int) a0);
            case 61 -> processes.wait4(p, (int) a0, a1, (int) a2, a3);
            case 62 -> processes.kill(p, (int) a0, (int) a1);
            case 63 -> misc.uname(p, a0);
            case 72 -> files.fcntl(p, fd, (int) a1, a2);
            case 73 -> 0; // flock: one host process holds every guest lock
            case 77 -> files.ftruncate(p, fd, a1);
            case 79 -> files.getcwd(p, a0, a1);
            case 80 -> files.chdir(p, files.resolve(p, at, files.string(p, a0)));
            case 81 -> {
                var f = p.fds.get(fd);
                yield f == null ? -Errno.EBADF : files.chdir(p, f.path());
            }
            case 82 -> files.rename(p, at, a0, at, a1);
            case 83 -> files.mkdir(p, at, a0, (int) a1);
            case 84 -> files.unlink(p, at, a0, FileCalls.AT_REMOVEDIR);
            case 85 -> files.open(p, at, a0, 0x241, (int) a1); // creat: O_CREAT|O_WRONLY|O_TRUNC
            case 87 -> files.unlink(p, at, a0, 0);
            case 89 -> files.readlink(p, at, a0, a1, a2);
            case 90 -> attributes.chmod(p, at, a0, (int) a1);
            case 91 -> attributes.chmod(p, fd, 0, (int) a1);
            case 92 -> attributes.chown(p, at, a0, (int) a1, (int) a2, true);
            case 93 -> attributes.chown(p, fd, 0, (int) a1, (int) a2, true);
            case 94 -> attributes.chown(p, at, a0, (int) a1, (int) a2, false);
            case 132 -> attributes.utime(p, a0, a1);
            case 137 -> fileSystems.statfs(p, 0, a0, a1);
            case 138 -> fileSystems.statfs(p, fd, 0, a1);
            case 188, 191, 194, 197 -> fileSystems.xattr(p, 0, a0, true); // setxattr getxattr listxattr removexattr
            case 189, 192, 195, 198 -> fileSystems.xattr(p, 0, a0, false); // their l- forms
            case 190, 193, 196, 199 -> fileSystems.xattr(p, fd, 0, true); // their f- forms
            case 235 -> attributes.utimes(p, a0, a1);
            case 280 -> attributes.utimensat(p, fd, a1, a2, (int) a3);
            case 95 -> {
                int old = p.umask;
                p.umask = (int) a0 & 0777;
                yield old;
            }
            case 96 -> misc.gettimeofday(p, a0);
            case 97 -> misc.prlimit(p, (int) a0, 0, a1);
            case 98 -> misc.getrusage(p, a1);
            case 99 -> misc.sysinfo(p, a0);
            case 100 -> misc.times(p, a0);
            case 102, 104, 107, 108 -> 0; // getuid, getgid, geteuid, getegid: root
            case 105, 106, 113, 114, 117, 119, 160 -> 0; // set*id, setrlimit
            case 109 -> 0; // setpgid
            case 110 -> p.parent == null ? 1 : p.parent.pid;
            case 111, 121, 124 -> p.pid; // getpgrp, getpgid, getsid
            case 112 -> p.pid; // setsid
            case 115 -> 0; // getgroups: none
            case 118, 120 -> {
                p.space.write32(a0, 0);
                p.space.write32(a1, 0);
                p.space.write32(a2, 0);
                yield 0;
            }
            case 127 -> signals.sigpending(p, a0);
            case 130 -> signals.sigsuspend(p, a0);
            case 131 -> signals.sigaltstack(p, a0, a1);
            case 157 -> 0; // prctl: names and such are accepted and forgotten
            case 158 -> misc.archPrctl(p, (int) a0, a1);
            case 200 -> processes.kill(p, (int) a0, (int) a1);
            case 201 -> misc.time(p, a0);
            case 202 -> ((int) a1 & 0x7F) == 0 ? -Errno.EAGAIN : 0; // futex: single-threaded, WAIT never sleeps
            case 204 -> misc.schedGetaffinity(p, a1, a2);
            case 217 -> files.getdents(p, fd, a1, a2);
            case 218 -> {
                p.clearChildTid = a0;
                yield p.pid;
            }
            case 228 -> misc.clockGettime(p, (int) a0, a1);
            case 229 -> misc.clockGetres(p, a1);
            case 230 -> misc.nanosleep(p, (int) a0, (int) a1, a2, a3);
            case 234 -> processes.kill(p, (int) a1, (int) a2);
            case 257 -> files.open(p, fd, a1, (int) a2, (int) a3);
            case 258 -> files.mkdir(p, fd, a1, (int) a2);
            case 260 -> attributes.chown(p, fd, a1, (int) a2, (int) a3, ((int) a4 & FileCalls.AT_SYMLINK_NOFOLLOW) == 0);
            case 268 -> attributes.chmod(p, fd, a1, (int) a2);
            case 262 -> files.stat(p, fd, a1, a2, (int) a3, false);
            case 263 -> files.unlink(p, fd, a1, (int) a2);
            case 264, 316 -> files.rename(p, fd, a1, (int) a2, a3);
            case 267 -> files.readlink(p, fd, a1, a2, a3);
            case 269, 439 -> files.access(p, fd, a1, (int) a2);
            case 273 -> 0; // set_robust_list: no threads to clean up after
            case 292 -> files.dup3(p, fd, (int) a1, (int) a2, false);
            case 293 -> files.pipe(p, a0, (int) a1);
            case 302 -> misc.prlimit(p, (int) a1, a2, a3);
            case 318 -> misc.getrandom(p, a0, a1);
            case 332 -> files.stat(p, fd, a1, a4, (int) a2, true);
            case 334 -> -Errno.ENOSYS; // rseq: optional, libc falls back quietly
            default -> {
                kernel.reportUnknown(nr);
                yield -Errno.ENOSYS;
            }
        };
    }
}
