package dev.jefevm.devices.board;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform;
import dev.jefevm.devices.acpi.AcpiHardware;
import dev.jefevm.devices.acpi.AcpiTables;
import dev.jefevm.devices.boottimer.BootTimer;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.bus.IoPortBus;
import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.devices.irq.IrqLine;
import dev.jefevm.devices.power.AcpiPmControl;
import dev.jefevm.devices.power.ResetControlRegister;
import dev.jefevm.devices.uart.SerialBackend;
import dev.jefevm.devices.uart.SerialInbox;
import dev.jefevm.devices.uart.Uart16550;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The JefeVM PC board: owns the address and port map and wires each device into it: COM1
 * (16550A), the ACPI PM1a blocks, the PIIX reset control register, the boot-timing port, the
 * linear framebuffer and the ACPI tables in low RAM. It is the {@link Platform} the CPU sees.
 * There is no interrupt controller yet, so no interrupt is ever pending and the UART's line is
 * connected to nothing; the guest polls.
 *
 * <p>Threads: everything runs on the vCPU thread except {@link #requestStop}, which host threads
 * (a signal handler, Ctrl-A x) may also call.
 */
public final class PcBoard implements Platform {

    /** COM1: the PC/AT's first serial port (IBM PC/AT Technical Reference, I/O address map). */
    public static final int COM1_BASE = 0x3F8;
    public static final int COM1_PORTS = 8;
    /** COM1's IRQ on the PC/AT (not connected: no PIC on this board yet). */
    public static final int COM1_IRQ = 4;
    /** ACPI PM1a event block: a free range chosen by this board, published in the FADT. */
    public static final int PM1A_EVT_BLK = 0x600;
    /** ACPI PM1a control block, directly after the event block (FADT PM1a_CNT_BLK). */
    public static final int PM1A_CNT_BLK = 0x604;
    /** PIIX reset control register (82371SB datasheet 4.1.17), also the FADT RESET_REG. */
    public static final int RESET_CONTROL_PORT = 0xCF9;
    /** Value that resets the machine through RESET_REG (RST_CPU | SRST: hard reset). */
    public static final int RESET_VALUE = 0x06;
    /** The board's boot-timing port (this project's choice, as Firecracker picks its own). */
    public static final int BOOT_TIMER_PORT = 0x440;
    /** SCI interrupt advertised in the FADT: ISA IRQ 9, as on PIIX4-based PCs. */
    public static final int SCI_IRQ = 9;

    /** Linear framebuffer: in the PCI hole, below the local APIC and IOAPIC at 0xFEC00000. */
    public static final long FRAMEBUFFER_BASE = 0xFD00_0000L;
    /**
     * Where the PCI hole starts: RAM fills [0, 3 GiB) and the rest is remapped from
     * {@link PhysicalMemory#HIGH_RAM_BASE} (4 GiB) up, as on i440FX/Q35 PCs, leaving
     * [3 GiB, 4 GiB) for the framebuffer, the APICs and (later) PCI BARs.
     */
    public static final long LOW_RAM_LIMIT = 0xC000_0000L;
    /** Largest RAM this board takes (the launcher's --memory ceiling). */
    public static final long MAX_RAM_SIZE = 64L << 30;
    /** ACPI tables, where a BIOS puts them: the RSDP in the 0xE0000-0xFFFFF area (ACPI 6.5 5.2.5.1). */
    public static final long ACPI_TABLES_BASE = 0xE_0000L;
    public static final long ACPI_REGION_END = 0x10_0000L;
    /** Real-mode IVT and BIOS data area: the first page is kept from the OS. */
    public static final long LOW_RESERVED_END = 0x1000L;
    /** EBDA, VGA memory and option ROMs: [0x80000, 0xE0000) is reserved, as on a PC. */
    public static final long LOW_HOLE_BASE = 0x8_0000L;

    private final PhysicalMemory memory;
    private final VirtualClock clock;
    private final IoPortBus ports = new IoPortBus();
    private final SerialBackend serialBackend;
    private final SerialInbox serialInbox = new SerialInbox();
    private final Uart16550 com1;
    private final AcpiPmControl pm;
    private final ResetControlRegister resetControl;
    private final BootTimer bootTimer;
    private final Framebuffer framebuffer;
    private final AcpiTables acpiTables;
    private long rsdpAddress;
    private volatile StopReason stopReason;
    private volatile String stopDetail;
    private volatile Runnable stopHook = () -> { };

    /**
     * Wires a board over {@code memory} (the framebuffer is mapped into it and the ACPI tables
     * are written into its RAM).
     *
     * @param hostNanosSinceStart host time since process start, for the boot-timing port
     */
    public PcBoard(PhysicalMemory memory, VirtualClock clock, SerialBackend serial,
            FramebufferGeometry framebufferGeometry, LongSupplier hostNanosSinceStart,
            BootTimingListener bootTimingListener) {
        if (memory.ramSize() < ACPI_REGION_END || memory.ramSize() > MAX_RAM_SIZE) {
            throw new IllegalArgumentException("the PC board takes 1 MiB to 0x"
                    + Long.toHexString(MAX_RAM_SIZE) + " bytes of RAM, not 0x" + Long.toHexString(memory.ramSize()));
        }
        if (memory.ramRanges().getFirst().end() > LOW_RAM_LIMIT) {
            throw new IllegalArgumentException("the PC board needs RAM below 0x" + Long.toHexString(LOW_RAM_LIMIT)
                    + " and the rest above 4 GiB (see PcBoard.newMemory)");
        }
        this.memory = memory;
        this.clock = clock;
        this.serialBackend = serial;
        this.com1 = new Uart16550(serial, IrqLine.DISCONNECTED);
        this.pm = new AcpiPmControl(this::requestStop);
        this.resetControl = new ResetControlRegister(this::requestStop);
        this.bootTimer = new BootTimer(hostNanosSinceStart, bootTimingListener);
        this.framebuffer = new Framebuffer(framebufferGeometry);
        this.acpiTables = new AcpiTables(new AcpiHardware(PM1A_EVT_BLK, AcpiPmControl.EVENT_BLOCK_LENGTH,
                PM1A_CNT_BLK, AcpiPmControl.CONTROL_BLOCK_LENGTH, RESET_CONTROL_PORT, RESET_VALUE, SCI_IRQ,
                AcpiPmControl.S5_SLEEP_TYPE));

        ports.register(COM1_BASE, COM1_PORTS, com1, "COM1");
        ports.register(PM1A_EVT_BLK, AcpiPmControl.EVENT_BLOCK_LENGTH, pm.eventBlock(), "ACPI PM1a_EVT_BLK");
        ports.register(PM1A_CNT_BLK, AcpiPmControl.CONTROL_BLOCK_LENGTH, pm.controlBlock(), "ACPI PM1a_CNT_BLK");
        ports.register(RESET_CONTROL_PORT, 1, resetControl, "reset control");
        ports.register(BOOT_TIMER_PORT, 1, bootTimer, "boot timer");
        memory.mapSegment(FRAMEBUFFER_BASE, framebuffer.memory(), "framebuffer");
        rsdpAddress = acpiTables.install(memory, ACPI_TABLES_BASE);
    }

    /** Guest RAM laid out for this board: below {@link #LOW_RAM_LIMIT}, the rest above 4 GiB. */
    public static PhysicalMemory newMemory(long ramSize) {
        return new PhysicalMemory(ramSize, LOW_RAM_LIMIT);
    }

    /** Starts host serial input (after the kernel is loaded, so a failed boot reads no input). */
    public void startSerialInput() {
        serialBackend.start(serialInbox);
    }

    // ------------------------------------------------------------ Platform

    @Override
    public int ioRead(int port, int size) {
        return ports.read(port, size);
    }

    @Override
    public void ioWrite(int port, int size, int value) {
        ports.write(port, size, value);
    }

    @Override
    public boolean interruptPending() {
        return false; // no interrupt controller on this board yet
    }

    @Override
    public int acknowledgeInterrupt() {
        // Never reached while interruptPending() is false; an 8259 answers a spurious INTA with IRQ7's vector.
        return 0x27;
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    /** Records the first stop reason until {@link #clearStop()} and tells the stop hook (the CPU). */
    @Override
    public void requestStop(StopReason reason, String detail) {
        synchronized (this) {
            if (stopReason == null) {
                stopReason = reason;
                stopDetail = detail;
            }
        }
        stopHook.run();
        serialInbox.wakeUp();
    }

    // ------------------------------------------------------------ machine loop side

    /** Called on every stop request, e.g. {@code cpu::requestStop} so the CPU leaves its run loop. */
    public void onStopRequest(Runnable hook) {
        this.stopHook = hook;
    }

    /** The pending stop reason, or null while the machine may run. */
    public StopReason stopReason() {
        return stopReason;
    }

    public String stopDetail() {
        return stopDetail;
    }

    public synchronized void clearStop() {
        stopReason = null;
        stopDetail = null;
    }

    /**
     * Machine reset (after RAM was cleared): devices to their power-on state, a black screen and
     * fresh ACPI tables. Serial input the guest had not yet read goes back to the host inbox, so
     * piped input after a {@code reboot} command is not lost with the FIFO.
     */
    public void reset() {
        serialInbox.pushBack(com1.saveState().receiveFifo());
        com1.reset();
        pm.reset();
        resetControl.reset();
        framebuffer.clear();
        rsdpAddress = acpiTables.install(memory, ACPI_TABLES_BASE);
    }

    /** Moves pending host serial input into COM1 (vCPU thread, between runs); returns bytes moved. */
    public int deliverSerialInput() {
        return serialInbox.drainInto(com1);
    }

    /** Pushes buffered guest serial output to the host. */
    public void flushSerialOutput() {
        serialBackend.flush();
    }

    // ------------------------------------------------------------ what the loader and front ends need

    public long rsdpAddress() {
        return rsdpAddress;
    }

    /** RAM ranges the firmware keeps (board facts: low page, the 0x80000 hole, ACPI tables). */
    public List<FirmwareRegion> firmwareRegions() {
        return List.of(
                new FirmwareRegion(0, LOW_RESERVED_END, FirmwareRegion.Kind.RESERVED),
                new FirmwareRegion(LOW_HOLE_BASE, ACPI_TABLES_BASE - LOW_HOLE_BASE, FirmwareRegion.Kind.RESERVED),
                new FirmwareRegion(ACPI_TABLES_BASE, ACPI_REGION_END - ACPI_TABLES_BASE,
                        FirmwareRegion.Kind.ACPI_RECLAIMABLE));
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    public Uart16550 com1() {
        return com1;
    }

    public SerialInbox serialInbox() {
        return serialInbox;
    }

    public BootTimer bootTimer() {
        return bootTimer;
    }

    public IoPortBus ports() {
        return ports;
    }
}
