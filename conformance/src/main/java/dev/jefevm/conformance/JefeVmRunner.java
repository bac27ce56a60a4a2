package dev.jefevm.conformance;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.UserModeTraps;
import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import dev.jefevm.core.cpu.system.ControlRegisters;
import dev.jefevm.core.cpu.system.Msrs;
import dev.jefevm.core.cpu.system.Segments;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.BarePlatform;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link CpuCase} on a JefeVM back end (the interpreter or the JIT, see {@link Backend}) the
 * way the native oracle runs it on the host:
 * CPL 3 in 64-bit long mode with control registers as Linux sets them, 4-level page tables that
 * map only the code page, the data area (user, writable) and the read-only zero page at
 * {@link GuestLayout}'s addresses (plus Linux's GDT, supervisor-only, for far transfers), and a
 * {@link UserModeTraps} kernel that stops at the SYSCALL appended after the sequence or at the
 * first exception, judging INT n by Linux's IDT. One runner serves many cases; it is not thread-safe.
 */
public final class JefeVmRunner implements UserModeTraps {

    private static final Logger LOG = LoggerFactory.getLogger(JefeVmRunner.class);

    private static final long PML4 = 0x1000, PDPT = 0x2000, PD = 0x3000, PT_CODE = 0x4000, PT_DATA = 0x5000,
            PT_READ_ONLY = 0x6000, PDPT_KERNEL = 0x7000, PD_KERNEL = 0x8000, PT_KERNEL = 0x9000, GDT_FRAME = 0xA000;
    /** Where the GDT sits: the top of the address space, supervisor-only, like Linux's cpu_entry_area. */
    private static final long GDT_BASE = 0xFFFF_FFFF_FFFE_0000L;
    /**
     * Linux's x86-64 GDT (arch/x86/include/asm/segment.h: 16 entries) with the descriptors user
     * code can name: kernel CS32 08, kernel CS 10, kernel DS 18, user CS32 23, user DS 2B, user
     * CS 33, the busy 64-bit TSS at 40 (TR); far transfers to them then check exactly what the host checks.
     */
    private static final long[] GDT = {0, 0x00CF_9B00_0000_FFFFL, 0x00AF_9B00_0000_FFFFL, 0x00CF_9300_0000_FFFFL,
        0x00CF_FB00_0000_FFFFL, 0x00CF_F300_0000_FFFFL, 0x00AF_FB00_0000_FFFFL, 0, 0x0000_8B00_0000_0067L};
    private static final int LINUX_TR = 0x40;
    private static final int GDT_LIMIT = 16 * 8 - 1;
    private static final long PTE_SUPERVISOR_RW = 3; // P | RW
    private static final long CODE_FRAME = 0x1_0000, DATA_FRAME = 0x2_0000,
            READ_ONLY_FRAME = DATA_FRAME + GuestLayout.DATA_SIZE;
    private static final long PTE_USER_RW = 7; // P | RW | US (SDM Vol.3 4.5, Table 4-19)
    private static final long PTE_USER_READ_ONLY = 5; // P | US
    private static final int SYSCALL_LENGTH = 2;
    /** Instructions per Cpu.run call, and how many calls before the case counts as hung. */
    private static final long BUDGET_SLICE = 4096, MAX_SLICES = 512;
    /** Linux's 64-bit user code and stack selectors (FNSTENV/FNSAVE store CS, so the host's value matters). */
    private static final int USER_CS = 0x33, USER_DS = 0x2B;

    private final PhysicalMemory memory = new PhysicalMemory(1 << 20);
    private final CpuState state = new CpuState();
    private final Cpu cpu = new Cpu(state, memory, new BarePlatform(VirtualClock.deterministic()));

    private boolean ended;
    private CpuFault fault;
    private long endRip;

    /** A runner on the back end the system properties name ({@link Backend#fromSystemProperties()}). */
    public JefeVmRunner() {
        this(Backend.fromSystemProperties());
    }

    public JefeVmRunner(Backend backend) {
        JitOptions jit = backend.jitOptions();
        if (jit != null) {
            cpu.useJit(jit);
        }
        memory.write64(PML4, PDPT | PTE_USER_RW);
        memory.write64(PDPT, PD | PTE_USER_RW);
        memory.write64(PD + 8 * (GuestLayout.CODE_BASE >>> 21 & 511), PT_CODE | PTE_USER_RW);
        memory.write64(PD + 8 * (GuestLayout.DATA_BASE >>> 21 & 511), PT_DATA | PTE_USER_RW);
        memory.write64(PT_CODE + 8 * (GuestLayout.CODE_BASE >>> 12 & 511), CODE_FRAME | PTE_USER_RW);
        for (int i = 0; i < GuestLayout.DATA_SIZE / 4096; i++) {
            memory.write64(PT_DATA + 8 * ((GuestLayout.DATA_BASE >>> 12 & 511) + i), (DATA_FRAME + 4096L * i) | PTE_USER_RW);
        }
        memory.write64(PD + 8 * (GuestLayout.READ_ONLY_BASE >>> 21 & 511), PT_READ_ONLY | PTE_USER_RW);
        memory.write64(PT_READ_ONLY + 8 * (GuestLayout.READ_ONLY_BASE >>> 12 & 511), READ_ONLY_FRAME | PTE_USER_READ_ONLY);
        memory.write64(PML4 + 8 * (GDT_BASE >>> 39 & 511), PDPT_KERNEL | PTE_USER_RW);
        memory.write64(PDPT_KERNEL + 8 * (GDT_BASE >>> 30 & 511), PD_KERNEL | PTE_USER_RW);
        memory.write64(PD_KERNEL + 8 * (GDT_BASE >>> 21 & 511), PT_KERNEL | PTE_USER_RW);
        memory.write64(PT_KERNEL + 8 * (GDT_BASE >>> 12 & 511), GDT_FRAME | PTE_SUPERVISOR_RW);
        cpu.setUserModeTraps(this);
    }

    /** Runs {@code c}; a Java exception from the CPU becomes a result whose detail names it (a JefeVM bug). */
    public CaseResult run(CpuCase c) {
        byte[] initialData = DataImage.build(c.dataSeed(), c.patches());
        memory.writeBytes(DATA_FRAME, initialData, 0, initialData.length);
        byte[] page = new byte[GuestLayout.CODE_SIZE];
        Arrays.fill(page, (byte) 0xCC);
        System.arraycopy(c.code(), 0, page, 0, c.code().length);
        page[c.code().length] = 0x0F; // SYSCALL ends the sequence
        page[c.code().length + 1] = 0x05;
        memory.writeBytes(CODE_FRAME, page, 0, page.length);
        for (int i = 0; i < 16; i++) {
            memory.write64(GDT_FRAME + 8L * i, i < GDT.length ? GDT[i] : 0); // a far transfer sets Accessed bits
        }
        loadState(c);
        ended = false;
        fault = null;
        String crash = "";
        try {
            for (long slice = 0; slice < MAX_SLICES && !ended; slice++) {
                cpu.run(BUDGET_SLICE);
            }
        } catch (RuntimeException e) {
            LOG.debug("JefeVM threw on {}", c.description(), e);
            crash = "JefeVM threw " + e;
        }
        return result(initialData, crash);
    }

    private void loadState(CpuCase c) {
        CpuState s = state;
        System.arraycopy(c.gpr(), 0, s.gpr, 0, 16);
        s.rip = GuestLayout.CODE_BASE;
        Flags.set(s, (c.rflags() & (CpuState.ARITH_FLAGS | CpuState.DF)) | 2 | CpuState.IF);
        s.mxcsr = c.mxcsr();
        System.arraycopy(c.xmm(), 0, s.xmm, 0, 32);
        X87State x = c.x87();
        s.fpuControl = x.control();
        s.fpuStatus = x.status();
        s.fpuTagWord = x.abridgedTags();
        // the oracle's FXRSTOR64 image has zero FIP, FDP and FOP; FCS and FDS read back as zero after it
        s.fpuIp = 0;
        s.fpuDp = 0;
        s.fpuOpcode = 0;
        s.fpuCs = 0;
        s.fpuDs = 0;
        for (int i = 0; i < 8; i++) {
            int physical = (x.top() + i) & 7;
            s.fpuMantissa[physical] = x.mantissa()[i];
            s.fpuExponent[physical] = x.exponent()[i];
        }
        // SDM Vol.3 2.5: Linux runs with PE, MP, ET, NE, WP, PG and PAE, OSFXSR, OSXMMEXCPT; NX enabled
        s.cr0 = ControlRegisters.CR0_PE | ControlRegisters.CR0_MP | ControlRegisters.CR0_ET | ControlRegisters.CR0_NE
                | ControlRegisters.CR0_WP | ControlRegisters.CR0_PG;
        // and FSGSBASE (Linux 5.9+ sets it when the CPU has it, as the host does). The host's CR4.UMIP
        // is not copied: Linux answers SGDT/SIDT/SLDT/STR/SMSW at CPL 3 itself (arch/x86/kernel/umip.c),
        // so user code sees them complete, as without UMIP.
        s.cr4 = ControlRegisters.CR4_PAE | ControlRegisters.CR4_OSFXSR | ControlRegisters.CR4_OSXMMEXCPT
                | ControlRegisters.CR4_FSGSBASE;
        s.cr3 = PML4;
        s.efer = Msrs.EFER_LME | Msrs.EFER_LMA | Msrs.EFER_NXE | Msrs.EFER_SCE;
        s.cpl = 3;
        s.gdtrBase = GDT_BASE;
        s.gdtrLimit = GDT_LIMIT;
        s.trSelector = LINUX_TR; // what STR shows user code under Linux
        s.ldtrSelector = 0;
        s.segSelector[CpuState.CS] = USER_CS;
        s.segAttributes[CpuState.CS] = Segments.USER_CODE64;
        for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES, CpuState.FS, CpuState.GS}) {
            s.segSelector[seg] = seg == CpuState.SS ? USER_DS : 0;
            s.segAttributes[seg] = Segments.USER_DATA;
            s.segBase[seg] = 0;
        }
        s.halted = false;
        s.interruptShadow = false;
        cpu.mmu.flushAll();
        cpu.invalidateAllCode();
    }

    private CaseResult result(byte[] initialData, String crash) {
        CpuState s = state;
        byte[] data = new byte[GuestLayout.DATA_SIZE];
        memory.readBytes(DATA_FRAME, data, 0, data.length);
        int n = 0;
        for (int i = 0; i < data.length; i++) {
            n += data[i] != initialData[i] ? 1 : 0;
        }
        int[] offsets = new int[n];
        byte[] values = new byte[n];
        for (int i = 0, k = 0; i < data.length; i++) {
            if (data[i] != initialData[i]) {
                offsets[k] = i;
                values[k++] = data[i];
            }
        }
        long[] mantissa = new long[8];
        int[] exponent = new int[8];
        int top = (s.fpuStatus >>> 11) & 7;
        for (int i = 0; i < 8; i++) {
            mantissa[i] = s.fpuMantissa[(top + i) & 7];
            exponent[i] = s.fpuExponent[(top + i) & 7] & 0xFFFF;
        }
        X87State x87 = new X87State(s.fpuControl, s.fpuStatus, s.fpuTagWord, mantissa, exponent);
        CaseResult.Outcome outcome;
        String detail = crash;
        if (!crash.isEmpty()) {
            outcome = CaseResult.Outcome.TIMEOUT;
        } else if (!ended) {
            outcome = CaseResult.Outcome.TIMEOUT;
            detail = "no end after " + BUDGET_SLICE * MAX_SLICES + " instructions";
        } else {
            outcome = fault == null ? CaseResult.Outcome.COMPLETED : CaseResult.Outcome.EXCEPTION;
        }
        return new CaseResult(outcome, fault == null ? 0 : fault.vector,
                fault == null || !fault.hasErrorCode() ? 0 : fault.errorCode & 0xFFFF_FFFFL,
                fault == null ? 0 : fault.faultAddress, s.gpr.clone(), ended ? endRip : s.rip, Flags.get(s), s.mxcsr,
                s.xmm.clone(), x87, offsets, values, detail);
    }

    /** The JIT's counters so far, or null on the interpreter. */
    public JitStats jitStats() {
        return cpu.jitStats();
    }

    @Override
    public void systemCall(Cpu c) {
        ended = true;
        endRip = c.state.rip - SYSCALL_LENGTH;
        c.requestStop();
    }

    /**
     * Ends the case at {@code f}. INT n is judged as Linux's IDT judges it: only the #BP (3) and
     * #OF (4) gates have DPL 3 (arch/x86/kernel/idt.c; 0x80 too, which the generators never use),
     * so any other INT n at CPL 3 is #GP with error code n*8+2 at the INT instruction
     * (SDM Vol.3 6.12.1.1, 6.13: IDT bit 1 set).
     */
    @Override
    public void exception(Cpu c, CpuFault f) {
        ended = true;
        endRip = c.state.rip;
        if (f.software && f.vector != CpuFault.BP && f.vector != CpuFault.OF) {
            fault = CpuFault.gp(f.vector * 8 + 2);
            endRip -= 2; // INT imm8 is two bytes
        } else {
            fault = f;
        }
        c.requestStop();
    }
}
