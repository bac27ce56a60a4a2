package dev.jefevm.launcher;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.board.FirmwareRegion;
import dev.jefevm.devices.board.PcBoard;
import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.devices.ps2.Ps2Keyboard;
import dev.jefevm.devices.ps2.Ps2Mouse;
import dev.jefevm.devices.uart.SerialInbox;
import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.loader.limine.BootEnvironment;
import dev.jefevm.loader.limine.FramebufferInfo;
import dev.jefevm.loader.limine.KernelLoadException;
import dev.jefevm.loader.limine.LimineLoader;
import dev.jefevm.loader.limine.MemoryRange;
import dev.jefevm.loader.limine.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assembled virtual machine: guest RAM, the PC board, one CPU and the kernel loaded into
 * them by the Limine loader. {@link #run(long)} runs a slice of guest code on the calling thread
 * (which thereby becomes the vCPU thread and the only one touching device state), moving host
 * serial input and tasks {@link #post posted} by other threads in before, running due device
 * timers around it and flushing serial output after, and reports what happened. {@link #idle}
 * spends a halted CPU's time (sleeping in real-time mode, jumping virtual time in deterministic
 * mode). Driving policy (exit statuses, terminals) belongs to {@link VmRunner} or to a test.
 */
public final class Machine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Machine.class);

    private final MachineConfig config;
    private final PhysicalMemory memory;
    private final VirtualClock clock;
    private final PcBoard board;
    private final Cpu cpu;
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    /** The vCPU thread while it parks in {@link #waitForWake}, for {@link #post} to unpark. */
    private volatile Thread idleThread;
    private final List<AttachedDisk> disks = new ArrayList<>();
    /** The isa-debug-exit status the guest asked for, or -1. */
    private volatile int debugExitStatus = -1;

    /** Longest a halted CPU sleeps before looking again (real-time mode, or no timer armed). */
    static final long MAX_IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Machine(MachineConfig config) {
        this.config = config;
        this.memory = PcBoard.newMemory(config.ramSize());
        this.clock = config.deterministic() ? VirtualClock.deterministic() : VirtualClock.realTime();
        long rtcEpoch = config.deterministic() ? MachineConfig.DETERMINISTIC_EPOCH_SECONDS
                : Instant.now().getEpochSecond();
        this.board = new PcBoard(memory, clock, config.serial(), config.framebuffer(),
                config.hostNanosSinceStart(), config.bootTiming(), rtcEpoch,
                config.debugExit() ? this::debugExitRequested : null);
        this.cpu = new Cpu(new CpuState(), memory, board);
        if (config.jit() != null) {
            // Deterministic runs compile on the vCPU thread: where compiled code starts must not
            // depend on a compiler thread's timing, or the same input could give another run.
            cpu.useJit(config.deterministic() ? config.jit().withBackgroundCompile(false) : config.jit());
        }
        board.onStopRequest(cpu::requestStop);
        if (!config.deterministic()) {
            // Interactive runs do disk image I/O on a thread of its own; deterministic runs keep
            // it inline with a fixed virtual delay, so the same input gives the same run.
            board.ide().useIoThread(this::post);
        }
    }

    /**
     * Assembles the machine and loads the kernel; host serial input starts only once the kernel
     * is loaded.
     *
     * @throws KernelLoadException if the loader rejects the kernel (the machine is released)
     */
    public static Machine create(MachineConfig config) throws KernelLoadException {
        Machine m = new Machine(config);
        try {
            m.loadKernel();
        } catch (KernelLoadException | RuntimeException e) {
            m.close();
            throw e;
        }
        m.board.startSerialInput();
        return m;
    }

    private void loadKernel() throws KernelLoadException {
        cpu.reset();
        long bootTime = config.deterministic() ? MachineConfig.DETERMINISTIC_EPOCH_SECONDS
                : Instant.now().getEpochSecond();
        BootEnvironment env = new BootEnvironment(memory, memory.ramSize(), firmwareRanges(),
                framebufferInfo(config.framebuffer()), board.rsdpAddress(), config.cmdline(), config.modules(), bootTime);
        LimineLoader.load(config.kernel(), env, cpu.state);
        // The loader wrote memory and page tables behind the CPU's back.
        cpu.invalidateAllCode();
        cpu.mmu.flushAll();
    }

    private List<MemoryRange> firmwareRanges() {
        List<MemoryRange> ranges = new ArrayList<>();
        for (FirmwareRegion r : board.firmwareRegions()) {
            MemoryType type = r.kind() == FirmwareRegion.Kind.ACPI_RECLAIMABLE
                    ? MemoryType.ACPI_RECLAIMABLE : MemoryType.RESERVED;
            ranges.add(new MemoryRange(r.base(), r.length(), type));
        }
        return ranges;
    }

    private static FramebufferInfo framebufferInfo(FramebufferGeometry g) {
        return new FramebufferInfo(PcBoard.FRAMEBUFFER_BASE, g.width(), g.height(), g.pitch(), g.bitsPerPixel(),
                g.redMaskShift(), g.redMaskSize(), g.greenMaskShift(), g.greenMaskSize(),
                g.blueMaskShift(), g.blueMaskSize());
    }

    /** Runs up to about {@code instructionBudget} guest instructions and says what happened. */
    public MachineEvent run(long instructionBudget) {
        MachineEvent stopped = stopEvent();
        if (stopped != null) {
            return stopped;
        }
        runPosted();
        board.deliverSerialInput();
        clock.runDueTimers();
        RunResult result = cpu.run(instructionBudget);
        clock.runDueTimers();
        board.flushSerialOutput();
        stopped = stopEvent();
        if (stopped != null) {
            return stopped;
        }
        if (result != RunResult.HALTED) {
            return MachineEvent.RUNNING;
        }
        if ((cpu.state.rflagsControl & CpuState.IF) == 0) {
            return MachineEvent.HALTED_INTERRUPTS_DISABLED;
        }
        if (!clock.isDeterministic()) {
            return MachineEvent.IDLE;
        }
        // Deterministic time passes only here: spend the idle wait now, so any driver of run()
        // (the runner, a scripted test) sees the guest's timers fire.
        try {
            idle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return MachineEvent.RUNNING;
    }

    private MachineEvent stopEvent() {
        StopReason reason = board.stopReason();
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case POWER_OFF -> MachineEvent.POWER_OFF;
            case RESET -> MachineEvent.RESET;
            case TRIPLE_FAULT -> MachineEvent.TRIPLE_FAULT;
            case HOST_REQUEST -> debugExitStatus >= 0 ? MachineEvent.DEBUG_EXIT : MachineEvent.HOST_REQUEST;
        };
    }

    private void debugExitRequested(int status) {
        debugExitStatus = status;
        board.requestStop(StopReason.HOST_REQUEST, "isa-debug-exit status " + status);
    }

    /** The exit status the guest asked for through isa-debug-exit, or -1 if it did not. */
    public int debugExitStatus() {
        return debugExitStatus;
    }

    /**
     * Runs {@code task} on the vCPU thread before the next slice of guest code, waking a halted
     * machine; any thread may call this (the control channel, a front end).
     */
    public void post(Runnable task) {
        posted.add(task);
        board.serialInbox().wakeUp();
        Thread idler = idleThread;
        if (idler != null) {
            LockSupport.unpark(idler); // a vCPU parked in waitForWake (input ended or blocked)
        }
    }

    private void runPosted() {
        Runnable task;
        while ((task = posted.poll()) != null) {
            task.run();
        }
    }

    /**
     * Spends the time of a CPU halted with interrupts enabled until something may wake it, then
     * runs due timers. {@link #run} does this itself in deterministic mode; in real-time mode it
     * says {@link MachineEvent#IDLE} and the caller calls this. Host input the UART can take and
     * posted tasks end the wait at once; input still queued behind a full receive FIFO (typed
     * ahead while the guest is busy elsewhere, e.g. sleeping) is no reason to wake, or virtual
     * time would never move again. Real-time mode sleeps until the clock's next deadline (at most
     * {@link #MAX_IDLE_WAIT_NANOS}). Deterministic mode first gives host input that is still
     * coming up to that long to arrive, so queued scripted input reaches the guest before virtual
     * time jumps to the next deadline; with no timer armed it only waits.
     */
    public void idle() throws InterruptedException {
        SerialInbox inbox = board.serialInbox();
        boolean inputBlocked = inbox.hasPending() && board.com1().receiveRoom() == 0;
        if ((inbox.hasPending() && !inputBlocked) || !posted.isEmpty() || board.stopReason() != null) {
            return;
        }
        long deadline = clock.nextDeadline();
        if (clock.isDeterministic()) {
            if (!inputBlocked && !inbox.isInputClosed() && inbox.awaitInput(MAX_IDLE_WAIT_NANOS)) {
                return;
            }
            if (!posted.isEmpty() || board.stopReason() != null) {
                return;
            }
            if (deadline == Long.MAX_VALUE) {
                waitForWake(inbox, MAX_IDLE_WAIT_NANOS, inputBlocked);
                return;
            }
            clock.idleUntil(deadline);
        } else {
            long wait = deadline == Long.MAX_VALUE ? MAX_IDLE_WAIT_NANOS
                    : Math.min(MAX_IDLE_WAIT_NANOS, deadline - clock.nanos());
            if (wait > 0) {
                waitForWake(inbox, wait, inputBlocked);
            }
        }
        clock.runDueTimers();
    }

    // awaitInput returns at once once host input has ended, or while input waits that the UART
    // cannot take; park instead so an idle guest costs no CPU.
    private void waitForWake(SerialInbox inbox, long nanos, boolean inputBlocked) throws InterruptedException {
        if (inputBlocked || inbox.isInputClosed()) {
            idleThread = Thread.currentThread();
            if (posted.isEmpty()) {
                LockSupport.parkNanos(nanos);
            }
            idleThread = null;
        } else {
            inbox.awaitInput(nanos);
        }
    }

    /**
     * Restarts the machine after a reset request: power-on CPU state, cleared RAM, devices reset,
     * ACPI tables rewritten, the same kernel loaded again.
     */
    public void reboot() throws KernelLoadException {
        LOG.info("guest reset ({}): rebooting {}", board.stopDetail(), config.kernelName());
        board.clearStop();
        memory.clear();
        board.reset();
        loadKernel();
    }

    /** Why the machine stopped, as the device or host that asked put it (null if it did not). */
    public String stopDetail() {
        return board.stopDetail();
    }

    /** Asks the machine to stop at the next block boundary; any thread may call this. */
    public void requestHostStop(String why) {
        board.requestStop(StopReason.HOST_REQUEST, why);
    }

    public PcBoard board() {
        return board;
    }

    /** The PS/2 keyboard, for front ends and the control channel (touch it only through {@link #post}). */
    public Ps2Keyboard keyboard() {
        return board.keyboard();
    }

    /** The PS/2 mouse (touch it only through {@link #post}). */
    public Ps2Mouse mouse() {
        return board.mouse();
    }

    public Framebuffer framebuffer() {
        return board.framebuffer();
    }

    /** Presses the ACPI power button on the vCPU thread (system_powerdown); any thread may call this. */
    public void pressPowerButton() {
        post(board::pressPowerButton);
    }

    public Cpu cpu() {
        return cpu;
    }

    public VirtualClock clock() {
        return clock;
    }

    /**
     * Puts {@code disk} on IDE slot {@code slot} (0 primary master, 1 primary slave, 2 secondary
     * master, 3 secondary slave) before the guest runs; the machine closes it in {@link #close()}.
     */
    public void attachDisk(int slot, BlockDevice disk) {
        attachDisk(new AttachedDisk(slot, disk, "(block device without a file)", "unknown",
                disk.readOnly() ? DiskOpenMode.READ_ONLY : DiskOpenMode.READ_WRITE));
    }

    /** Puts {@code disk} on its slot before the guest runs, remembering where it came from for the monitor. */
    public void attachDisk(AttachedDisk disk) {
        board.ide().attach(disk.slot() / 2, disk.slot() % 2, disk.device());
        disks.removeIf(d -> d.slot() == disk.slot());
        disks.add(disk);
        disks.sort(Comparator.comparingInt(AttachedDisk::slot));
    }

    /** The attached disks in slot order. */
    public List<AttachedDisk> disks() {
        return List.copyOf(disks);
    }

    @Override
    public void close() {
        board.ide().close();
        config.serial().close();
    }
}
