package dev.jefevm.linuxuser.sys;

import dev.jefevm.linuxuser.fs.OpenFile;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.mem.Vma;
import dev.jefevm.linuxuser.proc.Process;

/**
 * Memory system calls (mmap(2), munmap, mprotect, mremap, brk): areas are created here and
 * filled lazily by page faults; a private file mapping is read in when created (MAP_SHARED file
 * mappings are treated as private: writes are not carried back to the file).
 */
final class MemoryCalls {

    static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
            MAP_FIXED_NOREPLACE = 0x10_0000;
    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;
    private static final long PAGE = AddressSpace.PAGE;
    private static final long MAX_FILE_MAP = 256L << 20;

    private final Kernel kernel;

    MemoryCalls(Kernel kernel) {
        this.kernel = kernel;
    }

    private static long pageUp(long v) {
        return (v + PAGE - 1) & -PAGE;
    }

    private static boolean userRange(long start, long length) {
        return start >= 0 && length > 0 && start + length > start && start + length <= AddressSpace.USER_END;
    }

    long mmap(Process p, long addr, long length, int prot, int flags, int fd, long offset) {
        if (length <= 0 || (offset & (PAGE - 1)) != 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == 0) {
            return -Errno.EINVAL;
        }
        long len = pageUp(length);
        if (len <= 0) {
            return -Errno.ENOMEM;
        }
        OpenFile file = null;
        if ((flags & MAP_ANONYMOUS) == 0) {
            file = p.fds.get(fd);
            if (file == null) {
                return -Errno.EBADF;
            }
        }
        AddressSpace s = p.space;
        long start;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & (PAGE - 1)) != 0 || !userRange(addr, len)) {
                return -Errno.EINVAL;
            }
            if ((flags & MAP_FIXED) == 0 && !s.isFree(addr, addr + len)) {
                return -Errno.EEXIST;
            }
            start = addr;
        } else if (addr != 0 && (addr & (PAGE - 1)) == 0 && userRange(addr, len) && s.isFree(addr, addr + len)) {
            start = addr;
        } else {
            start = s.findFree(len);
            if (start < 0) {
                return -Errno.ENOMEM;
            }
        }
        s.map(start, start + len, prot & (Vma.READ | Vma.WRITE | Vma.EXEC), file == null ? "anon" : "file");
        if (file != null) {
            long n = Math.min(length, MAX_FILE_MAP);
            byte[] buf = new byte[(int) Math.min(n, 1 << 20)];
            long done = 0;
            while (done < n) {
                long got = file.pread(buf, 0, (int) Math.min(buf.length, n - done), offset + done);
                if (got <= 0) {
                    break;
                }
                s.load(start + done, buf, 0, (int) got);
                done += got;
            }
        }
        kernel.cpu.mmu.flushAll();
        return start;
    }

    long munmap(Process p, long addr, long length) {
        if ((addr & (PAGE - 1)) != 0 || !userRange(addr, pageUp(length))) {
            return -Errno.EINVAL;
        }
        p.space.unmap(addr, addr + pageUp(length));
        kernel.cpu.mmu.flushAll();
        return 0;
    }

    long mprotect(Process p, long addr, long length, int prot) {
        if ((addr & (PAGE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        if (length == 0) {
            return 0;
        }
        if (!userRange(addr, pageUp(length))) {
            return -Errno.ENOMEM;
        }
        boolean ok = p.space.protect(addr, addr + pageUp(length), prot & (Vma.READ | Vma.WRITE | Vma.EXEC));
        kernel.cpu.mmu.flushAll();
        return ok ? 0 : -Errno.ENOMEM;
    }

    long mremap(Process p, long oldAddr, long oldSize, long newSize, int flags, long newAddr) {
        if ((oldAddr & (PAGE - 1)) != 0 || newSize <= 0 || (flags & MREMAP_FIXED) != 0) {
            return -Errno.EINVAL; // MREMAP_FIXED is not supported
        }
        AddressSpace s = p.space;
        long oldLen = pageUp(oldSize);
        long newLen = pageUp(newSize);
        Vma area = s.areaAt(oldAddr);
        if (area == null || oldAddr + oldLen > area.end()) {
            return -Errno.EFAULT;
        }
        long result;
        if (newLen <= oldLen) {
            if (newLen < oldLen) {
                s.unmap(oldAddr + newLen, oldAddr + oldLen);
            }
            result = oldAddr;
        } else if (s.isFree(oldAddr + oldLen, oldAddr + newLen) && userRange(oldAddr, newLen)) {
            s.map(oldAddr + oldLen, oldAddr + newLen, area.prot(), area.name());
            result = oldAddr;
        } else if ((flags & MREMAP_MAYMOVE) != 0) {
            long to = s.findFree(newLen);
            if (to < 0) {
                return -Errno.ENOMEM;
            }
            s.move(oldAddr, oldLen, to, newLen);
            result = to;
        } else {
            return -Errno.ENOMEM;
        }
        kernel.cpu.mmu.flushAll();
        return result;
    }

    long brk(Process p, long addr) {
        long r = p.space.setBrk(addr);
        kernel.cpu.mmu.flushAll();
        return r;
    }
}
