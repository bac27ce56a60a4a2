package dev.jefevm.launcher;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.board.FirmwareRegion;
import dev.jefevm.devices.board.PcBoard;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.loader.limine.BootEnvironment;
import dev.jefevm.loader.limine.FramebufferInfo;
import dev.jefevm.loader.limine.KernelLoadException;
import dev.jefevm.loader.limine.LimineLoader;
import dev.jefevm.loader.limine.MemoryRange;
import dev.jefevm.loader.limine.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assembled virtual machine: guest RAM, the PC board, one CPU and the kernel loaded into
 * them by the Limine loader. {@link #run(long)} runs a slice of guest code on the calling thread
 * (which thereby becomes the vCPU thread and the only one touching device state), moving host
 * serial input in before and flushing serial output after, and reports what happened. Driving
 * policy (waiting, exit statuses, terminals) belongs to {@link VmRunner} or to a test.
 */
public final class Machine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Machine.class);

    private final MachineConfig config;
    private final PhysicalMemory memory;
    private final VirtualClock clock;
    private final PcBoard board;
    private final Cpu cpu;

    private Machine(MachineConfig config) {
        this.config = config;
        this.memory = PcBoard.newMemory(config.ramSize());
        this.clock = config.deterministic() ? VirtualClock.deterministic() : VirtualClock.realTime();
        this.board = new PcBoard(memory, clock, config.serial(), config.framebuffer(),
                config.hostNanosSinceStart(), config.bootTiming());
        this.cpu = new Cpu(new CpuState(), memory, board);
        board.onStopRequest(cpu::requestStop);
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
        board.deliverSerialInput();
        RunResult result = cpu.run(instructionBudget);
        board.flushSerialOutput();
        stopped = stopEvent();
        if (stopped != null) {
            return stopped;
        }
        return switch (result) {
            case HALTED -> (cpu.state.rflagsControl & CpuState.IF) != 0
                    ? MachineEvent.IDLE : MachineEvent.HALTED_INTERRUPTS_DISABLED;
            case BUDGET_EXHAUSTED, STOPPED -> MachineEvent.RUNNING;
        };
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
            case HOST_REQUEST -> MachineEvent.HOST_REQUEST;
        };
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

    public Cpu cpu() {
        return cpu;
    }

    public VirtualClock clock() {
        return clock;
    }

    @Override
    public void close() {
        config.serial().close();
    }
}
