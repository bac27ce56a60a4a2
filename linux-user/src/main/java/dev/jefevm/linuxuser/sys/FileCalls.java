package dev.jefevm.linuxuser.sys;

import dev.jefevm.linuxuser.fs.FdTable;
import dev.jefevm.linuxuser.fs.FileStat;
import dev.jefevm.linuxuser.fs.HostDirectory;
import dev.jefevm.linuxuser.fs.HostFile;
import dev.jefevm.linuxuser.fs.HostTerminal;
import dev.jefevm.linuxuser.fs.OpenFile;
import dev.jefevm.linuxuser.fs.Pipe;
import dev.jefevm.linuxuser.fs.TerminalStream;
import dev.jefevm.linuxuser.fs.Termios;
import dev.jefevm.linuxuser.fs.WindowSize;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.proc.Process;
import dev.jefevm.linuxuser.signal.Signals;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * File system calls on host files (guest paths are host paths, relative ones resolved against
 * the process's working directory, "/proc/self/exe" is the running program) and on descriptors:
 * read/write and their vector and positioned forms, open, stat, directories, pipes, dup, fcntl.
 */
final class FileCalls {

    static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;
    private static final int MAX_IO = 1 << 20;
    private static final int PATH_MAX = 4096;

    private long nextPipeIno = 0x10000;

    // ---------------------------------------------------------------- paths

    String string(Process p, long va) {
        return p.space.readString(va, PATH_MAX);
    }

    /** The host path for {@code path} relative to {@code dirfd}, or null if dirfd is bad. */
    Path resolve(Process p, int dirfd, String path) {
        if (path.equals("/proc/self/exe") || path.equals("/proc/" + p.pid + "/exe")) {
            return p.exe;
        }
        if (path.startsWith("/")) {
            return Path.of(path);
        }
        Path base;
        if (dirfd == AT_FDCWD) {
            base = p.cwd;
        } else {
            OpenFile f = p.fds.get(dirfd);
            if (f == null || f.path() == null) {
                return null;
            }
            base = f.path();
        }
        return path.isEmpty() ? base : base.resolve(path);
    }

    // ---------------------------------------------------------------- data transfer

    long read(Process p, int fd, long buf, long count) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        byte[] b = new byte[(int) Math.min(Math.max(count, 0), MAX_IO)];
        long n = f.read(b, 0, b.length);
        if (n > 0) {
            p.space.write(buf, b, 0, (int) n);
        }
        return n;
    }

    long write(Process p, int fd, long buf, long count) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        byte[] b = new byte[(int) Math.min(Math.max(count, 0), MAX_IO)];
        p.space.read(buf, b, 0, b.length);
        return sigpipe(p, f.write(b, 0, b.length));
    }

    private static long sigpipe(Process p, long result) {
        if (result == -Errno.EPIPE) {
            p.raise(Signals.SIGPIPE);
        }
        return result;
    }

    long readv(Process p, int fd, long iov, int count, boolean write) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (count < 0 || count > 1024) {
            return -Errno.EINVAL;
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            long base = p.space.read64(iov + i * 16L);
            long len = p.space.read64(iov + i * 16L + 8);
            if (len == 0) {
                continue;
            }
            long n = write ? write(p, fd, base, len) : read(p, fd, base, len);
            if (n < 0 && n != Errno.BLOCK || n == Errno.BLOCK && total == 0) {
                return total > 0 ? total : n;
            }
            if (n == Errno.BLOCK) {
                return total;
            }
            total += n;
            if (n < len) {
                break;
            }
        }
        return total;
    }

    long pread(Process p, int fd, long buf, long count, long pos, boolean write) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        byte[] b = new byte[(int) Math.min(Math.max(count, 0), MAX_IO)];
        if (write) {
            p.space.read(buf, b, 0, b.length);
            return f.pwrite(b, 0, b.length, pos);
        }
        long n = f.pread(b, 0, b.length, pos);
        if (n > 0) {
            p.space.write(buf, b, 0, (int) n);
        }
        return n;
    }

    long sendfile(Process p, int outFd, int inFd, long offsetPtr, long count) {
        OpenFile in = p.fds.get(inFd);
        OpenFile out = p.fds.get(outFd);
        if (in == null || out == null) {
            return -Errno.EBADF;
        }
        byte[] b = new byte[(int) Math.min(Math.max(count, 0), MAX_IO)];
        long n;
        if (offsetPtr != 0) {
            long pos = p.space.read64(offsetPtr);
            n = in.pread(b, 0, b.length, pos);
            if (n > 0) {
                p.space.write64(offsetPtr, pos + n);
            }
        } else {
            n = in.read(b, 0, b.length);
        }
        if (n <= 0) {
            return n;
        }
        return sigpipe(p, out.write(b, 0, (int) n));
    }

    // ---------------------------------------------------------------- open, close, stat

    long open(Process p, int dirfd, long pathPtr, int flags, int mode) {
        Path path = resolve(p, dirfd, string(p, pathPtr));
        if (path == null) {
            return -Errno.EBADF;
        }
        boolean cloexec = (flags & OpenFile.O_CLOEXEC) != 0;
        try {
            OpenFile file;
            if (Files.isDirectory(path)) {
                if ((flags & OpenFile.O_ACCMODE) != OpenFile.O_RDONLY) {
                    return -Errno.EISDIR;
                }
                file = new HostDirectory(path, flags & OpenFile.O_ACCMODE);
            } else {
                if ((flags & OpenFile.O_DIRECTORY) != 0) {
                    return Files.exists(path) ? -Errno.ENOTDIR : -Errno.ENOENT;
                }
                Set<OpenOption> opts = new HashSet<>();
                int acc = flags & OpenFile.O_ACCMODE;
                if (acc != OpenFile.O_WRONLY) {
                    opts.add(StandardOpenOption.READ);
                }
                if (acc != OpenFile.O_RDONLY) {
                    opts.add(StandardOpenOption.WRITE);
                }
                if ((flags & OpenFile.O_CREAT) != 0) {
                    opts.add((flags & OpenFile.O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
                }
                if ((flags & OpenFile.O_TRUNC) != 0 && acc != OpenFile.O_RDONLY) {
                    opts.add(StandardOpenOption.TRUNCATE_EXISTING);
                }
                if ((flags & OpenFile.O_NOFOLLOW) != 0) {
                    opts.add(LinkOption.NOFOLLOW_LINKS);
                }
                boolean created = (flags & OpenFile.O_CREAT) != 0 && !Files.exists(path);
                FileChannel ch = FileChannel.open(path, opts);
                if (created) {
                    setMode(path, mode & ~p.umask);
                }
                file = new HostFile(path, ch, flags & (OpenFile.O_ACCMODE | OpenFile.O_APPEND | OpenFile.O_NONBLOCK));
            }
            int fd = p.fds.add(file, 0, cloexec);
            if (fd < 0) {
                file.close();
            }
            return fd;
        } catch (IOException e) {
            return Errno.of(e);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return -Errno.EINVAL;
        }
    }

    private static void setMode(Path path, int mode) {
        try {
            Files.setAttribute(path, "unix:mode", mode & 07777);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // the host keeps its default mode
        }
    }

    long stat(Process p, int dirfd, long pathPtr, long statPtr, int flags, boolean statx) {
        String name = string(p, pathPtr);
        FileStat st;
        try {
            if (name.isEmpty() && (flags & AT_EMPTY_PATH) != 0 && dirfd != AT_FDCWD) {
                OpenFile f = p.fds.get(dirfd);
                if (f == null) {
                    return -Errno.EBADF;
                }
                st = f.stat();
            } else {
                if (name.isEmpty()) {
                    return -Errno.ENOENT;
                }
                Path path = resolve(p, dirfd, name);
                if (path == null) {
                    return -Errno.EBADF;
                }
                st = FileStat.of(path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
            }
        } catch (IOException e) {
            return Errno.of(e);
        }
        byte[] b = statx ? st.encodeStatx() : st.encodeStat();
        p.space.write(statPtr, b, 0, b.length);
        return 0;
    }

    long fstat(Process p, int fd, long statPtr) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        try {
            byte[] b = f.stat().encodeStat();
            p.space.write(statPtr, b, 0, b.length);
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    long access(Process p, int dirfd, long pathPtr, int mode) {
        Path path = resolve(p, dirfd, string(p, pathPtr));
        if (path == null) {
            return -Errno.EBADF;
        }
        if (!Files.exists(path)) {
            return -Errno.ENOENT;
        }
        if ((mode & 4) != 0 && !Files.isReadable(path) || (mode & 2) != 0 && !Files.isWritable(path)
                || (mode & 1) != 0 && !Files.isExecutable(path)) {
            return -Errno.EACCES;
        }
        return 0;
    }

    long lseek(Process p, int fd, long offset, int whence) {
        OpenFile f = p.fds.get(fd);
        return f == null ? -Errno.EBADF : f.seek(offset, whence);
    }

    long ioctl(Process p, int fd, long request, long arg) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (!(f instanceof TerminalStream t)) {
            // Pipes, files and in-memory streams are no terminal: TCGETS, TIOCGWINSZ and the rest
            // fail as they would on the host, so programs do not switch to interactive behaviour.
            return -Errno.ENOTTY;
        }
        // tty_ioctl(4): the settings and size come from the host terminal behind jefevm's own fd.
        HostTerminal host = t.terminal();
        int hostFd = t.hostFd();
        switch ((int) request) {
            case HostTerminal.TCGETS -> {
                Termios settings = host.attributes(hostFd);
                if (settings == null) {
                    return -Errno.EIO;
                }
                byte[] b = settings.encode();
                p.space.write(arg, b, 0, b.length);
                return 0;
            }
            case HostTerminal.TCSETS, HostTerminal.TCSETSW, HostTerminal.TCSETSF -> {
                byte[] b = new byte[Termios.SIZE];
                p.space.read(arg, b, 0, b.length);
                return host.setAttributes(hostFd, (int) request, Termios.decode(b, 0));
            }
            case HostTerminal.TIOCGWINSZ -> {
                WindowSize size = host.windowSize(hostFd);
                if (size == null) {
                    return -Errno.EIO;
                }
                byte[] b = size.encode();
                p.space.write(arg, b, 0, b.length);
                return 0;
            }
            case HostTerminal.TIOCSWINSZ -> {
                return 0; // the host terminal's size is the user's window's, not the guest's to change
            }
            case HostTerminal.TIOCGPGRP -> {
                // Every process is its own group here (getpgrp returns the pid), so the caller's group
                // is the foreground one: a job-control shell then takes the terminal without SIGTTIN.
                p.space.write32(arg, p.pid);
                return 0;
            }
            case HostTerminal.TIOCSPGRP -> {
                return 0; // no job control on the host side: the foreground group is not tracked
            }
            case HostTerminal.FIONREAD -> {
                long n = host.bytesAvailable(hostFd);
                if (n >= 0) {
                    p.space.write32(arg, (int) n);
                    return 0;
                }
                return n;
            }
            default -> {
                return -Errno.ENOTTY;
            }
        }
    }

    long getdents(Process p, int fd, long buf, long count) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        byte[] b = new byte[(int) Math.min(Math.max(count, 0), 65536)];
        long n = f.readDirectory(b);
        if (n > 0) {
            p.space.write(buf, b, 0, (int) n);
        }
        return n;
    }

    // ---------------------------------------------------------------- descriptors

    long pipe(Process p, long fdsPtr, int flags) {
        OpenFile[] ends = Pipe.create(nextPipeIno++, flags);
        boolean cloexec = (flags & OpenFile.O_CLOEXEC) != 0;
        int r = p.fds.add(ends[0], 0, cloexec);
        if (r < 0) {
            ends[0].close();
            ends[1].close();
            return r;
        }
        int w = p.fds.add(ends[1], 0, cloexec);
        if (w < 0) {
            p.fds.close(r);
            ends[1].close();
            return w;
        }
        p.space.write32(fdsPtr, r);
        p.space.write32(fdsPtr + 4, w);
        return 0;
    }

    long dup(Process p, int fd) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        f.retain();
        int n = p.fds.add(f, 0, false);
        if (n < 0) {
            f.close();
        }
        return n;
    }

    long dup3(Process p, int oldFd, int newFd, int flags, boolean dup2) {
        OpenFile f = p.fds.get(oldFd);
        if (f == null || newFd < 0 || newFd >= FdTable.LIMIT) {
            return -Errno.EBADF;
        }
        if (oldFd == newFd) {
            return dup2 ? newFd : -Errno.EINVAL;
        }
        f.retain();
        p.fds.put(newFd, f, (flags & OpenFile.O_CLOEXEC) != 0);
        return newFd;
    }

    long fcntl(Process p, int fd, int cmd, long arg) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                f.retain();
                int n = p.fds.add(f, (int) arg, cmd == F_DUPFD_CLOEXEC);
                if (n < 0) {
                    f.close();
                }
                return n;
            }
            case F_GETFD -> {
                return p.fds.isCloseOnExec(fd) ? 1 : 0;
            }
            case F_SETFD -> {
                p.fds.setCloseOnExec(fd, (arg & 1) != 0);
                return 0;
            }
            case F_GETFL -> {
                return f.statusFlags;
            }
            case F_SETFL -> {
                int settable = OpenFile.O_APPEND | OpenFile.O_NONBLOCK;
                f.statusFlags = (f.statusFlags & ~settable) | ((int) arg & settable);
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    // ---------------------------------------------------------------- directories and names

    long getcwd(Process p, long buf, long size) {
        byte[] b = (p.cwd.toString() + "\0").getBytes(StandardCharsets.UTF_8);
        if (size < b.length) {
            return -Errno.ERANGE;
        }
        p.space.write(buf, b, 0, b.length);
        return b.length;
    }

    long chdir(Process p, Path path) {
        if (path == null) {
            return -Errno.EBADF;
        }
        if (!Files.exists(path)) {
            return -Errno.ENOENT;
        }
        if (!Files.isDirectory(path)) {
            return -Errno.ENOTDIR;
        }
        p.cwd = path.toAbsolutePath().normalize();
        return 0;
    }

    long readlink(Process p, int dirfd, long pathPtr, long buf, long size) {
        String name = string(p, pathPtr);
        String target;
        if (name.equals("/proc/self/exe") || name.equals("/proc/" + p.pid + "/exe")) {
            target = p.exe.toAbsolutePath().toString();
        } else {
            Path path = resolve(p, dirfd, name);
            if (path == null) {
                return -Errno.EBADF;
            }
            try {
                target = Files.readSymbolicLink(path).toString();
            } catch (java.nio.file.NotLinkException e) {
                return -Errno.EINVAL;
            } catch (IOException e) {
                return Errno.of(e);
            }
        }
        byte[] b = target.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(b.length, Math.max(size, 0));
        p.space.write(buf, b, 0, n);
        return n;
    }

    long unlink(Process p, int dirfd, long pathPtr, int flags) {
        Path path = resolve(p, dirfd, string(p, pathPtr));
        if (path == null) {
            return -Errno.EBADF;
        }
        boolean dir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (dir != ((flags & AT_REMOVEDIR) != 0)) {
            return dir ? -Errno.EISDIR : Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? -Errno.ENOTDIR : -Errno.ENOENT;
        }
        try {
            Files.delete(path);
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    long rename(Process p, int oldDir, long oldPtr, int newDir, long newPtr) {
        Path from = resolve(p, oldDir, string(p, oldPtr));
        Path to = resolve(p, newDir, string(p, newPtr));
        if (from == null || to == null) {
            return -Errno.EBADF;
        }
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    long mkdir(Process p, int dirfd, long pathPtr, int mode) {
        Path path = resolve(p, dirfd, string(p, pathPtr));
        if (path == null) {
            return -Errno.EBADF;
        }
        try {
            Files.createDirectory(path);
            setMode(path, mode & ~p.umask);
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    long ftruncate(Process p, int fd, long length) {
        OpenFile f = p.fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        return f instanceof HostFile h ? h.truncate(length) : -Errno.EINVAL;
    }

    /** poll(2): every descriptor is ready except an empty pipe with writers; blocks if none is ready and timeout != 0. */
    /** The longest a poll with a timeout waits on a host terminal, so a typo cannot stall the VM for long. */
    private static final int MAX_TERMINAL_WAIT_MS = 10_000;

    /**
     * poll: pipes are ready by their state; a host terminal, when the caller gives a timeout, by
     * the bytes the host has waiting (vi asks with timeout 0 whether a key is pending, and waits
     * 50 ms after ESC for the rest of an escape sequence); everything else is always ready. With
     * no timeout (-1) a terminal counts as ready and the read that follows waits on the host.
     */
    long poll(Process p, long fdsPtr, int nfds, int timeout) {
        long deadline = System.nanoTime() + Math.min(Math.max(timeout, 0), MAX_TERMINAL_WAIT_MS) * 1_000_000L;
        while (true) {
            boolean terminalPolled = false;
            AddressSpace s = p.space;
            int ready = 0;
            for (int i = 0; i < nfds; i++) {
                long at = fdsPtr + i * 8L;
                int fd = s.read32(at);
                int events = s.read32(at + 4) & 0xFFFF;
                int revents = 0;
                if (fd >= 0) {
                    OpenFile f = p.fds.get(fd);
                    if (f == null) {
                        revents = 0x20; // POLLNVAL
                    } else {
                        if ((events & 1) != 0) {
                            if (timeout >= 0 && f instanceof TerminalStream t && t.hostFd() == 0) {
                                terminalPolled = true;
                                if (t.terminal().bytesAvailable(0) > 0) {
                                    revents |= 1;
                                }
                            } else if (f.readable()) {
                                revents |= 1;
                            }
                        }
                        revents |= events & 4; // POLLOUT
                    }
                }
                s.write32(at + 4, (events & 0xFFFF) | (revents << 16));
                if (revents != 0) {
                    ready++;
                }
            }
            if (ready > 0 || timeout == 0) {
                return ready;
            }
            if (!terminalPolled) {
                return Errno.BLOCK;
            }
            if (System.nanoTime() >= deadline) {
                return 0;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -Errno.EINTR;
            }
        }
    }
}
