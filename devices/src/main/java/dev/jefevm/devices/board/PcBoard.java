package dev.jefevm.devices.board;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform;
import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.acpi.AcpiHardware;
import dev.jefevm.devices.acpi.AcpiTables;
import dev.jefevm.devices.apic.IoApic;
import dev.jefevm.devices.ata.Piix3Ide;
import dev.jefevm.devices.apic.LocalApic;
import dev.jefevm.devices.apic.Madt;
import dev.jefevm.devices.boottimer.BootTimer;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.bus.IoPortBus;
import dev.jefevm.devices.debugexit.DebugExitListener;
import dev.jefevm.devices.debugexit.DebugExitPort;
import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.devices.hpet.Hpet;
import dev.jefevm.devices.hpet.HpetState;
import dev.jefevm.devices.hpet.HpetTable;
import dev.jefevm.devices.irq.IrqLine;
import dev.jefevm.devices.pci.BarListener;
import dev.jefevm.devices.pci.I440fxPmc;
import dev.jefevm.devices.pci.PciBus;
import dev.jefevm.devices.pci.PciHostBridge;
import dev.jefevm.devices.pci.Piix3IsaBridge;
import dev.jefevm.devices.pci.PirqRouteListener;
import dev.jefevm.devices.pci.PirqRouting;
import dev.jefevm.devices.pic.Pic8259Pair;
import dev.jefevm.devices.pit.Pit8254;
import dev.jefevm.devices.pit.SystemControlPortB;
import dev.jefevm.devices.power.AcpiPmControl;
import dev.jefevm.devices.power.ResetControlRegister;
import dev.jefevm.devices.ps2.I8042;
import dev.jefevm.devices.ps2.I8042Outputs;
import dev.jefevm.devices.ps2.I8042State;
import dev.jefevm.devices.ps2.KeyboardLeds;
import dev.jefevm.devices.ps2.Ps2Keyboard;
import dev.jefevm.devices.ps2.Ps2KeyboardState;
import dev.jefevm.devices.ps2.Ps2Mouse;
import dev.jefevm.devices.ps2.Ps2MouseState;
import dev.jefevm.devices.rtc.CmosRtc;
import dev.jefevm.devices.uart.SerialBackend;
import dev.jefevm.devices.uart.SerialInbox;
import dev.jefevm.devices.uart.Uart16550;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JefeVM PC board: owns the address and port map and wires each device into it as an
 * i440FX/PIIX3 PC would: the 8259A pair (0x20, 0xA0, ELCR at 0x4D0), the 8254 PIT (0x40) and
 * port B (0x61), the CMOS RTC (0x70), the i8042 with a PS/2 keyboard and mouse (0x60/0x64,
 * IRQ 1/12), COM1 (16550A, IRQ 4), PCI configuration mechanism #1 (0xCF8, with the PIIX3 reset
 * control register at 0xCF9) reaching the i440FX at 00:00.0 and the PIIX3 at 00:01.0, the ACPI
 * PM1a blocks (SCI on IRQ 9), the boot-timing port, the local APIC (0xFEE00000), the I/O APIC
 * (0xFEC00000), the HPET (0xFED00000), the linear framebuffer, the optional isa-debug-exit port
 * (0xF4), the PIIX3 IDE controller at 00:01.1 (legacy channels 0x1F0/0x3F6 on IRQ 14 and
 * 0x170/0x376 on IRQ 15, bus-master registers at BAR4) and the ACPI tables (FADT, DSDT, MADT,
 * HPET) in low RAM. It is the {@link Platform} the CPU sees.
 *
 * <p>Interrupt wiring (as the MADT describes it): every ISA IRQ n drives the 8259 input n and
 * I/O APIC input n, except IRQ 0, which goes to I/O APIC input 2. The master 8259's INTR drives
 * the local APIC's LINT0. At power-on the board does what firmware would before handing over
 * (Limine entry state: interrupts disabled, PIC and I/O APIC inputs masked): it initializes the
 * 8259 pair with the BIOS vectors 0x08/0x70 and masks every input, marks IRQ 9-11 level in the
 * ELCR, routes PIRQA-D to IRQ 10, 10, 11, 11, software-enables the local APIC and programs LVT
 * LINT0 = ExtINT and LINT1 = NMI (virtual-wire mode, MultiProcessor Spec 3.6.2.2). While the
 * local APIC is globally enabled the CPU takes interrupts through it (ExtINT from the 8259);
 * with IA32_APIC_BASE's enable bit clear, straight from the 8259.
 *
 * <p>Scope: the local APIC's MMIO page stays at 0xFEE00000 (a guest moving it through
 * IA32_APIC_BASE is logged at debug and the page does not move); A20 is always enabled (the
 * 8042's gate is logged only); no PCI device raises a PIRQ yet, so routes are only recorded.
 *
 * <p>Threads: everything runs on the vCPU thread except {@link #requestStop}, which host threads
 * (a signal handler, Ctrl-A x) may also call.
 */
public final class PcBoard implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(PcBoard.class);

    /** COM1: the PC/AT's first serial port (IBM PC/AT Technical Reference, I/O address map). */
    public static final int COM1_BASE = 0x3F8;
    public static final int COM1_PORTS = 8;
    /** COM1's IRQ on the PC/AT. */
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
    /** IDE compatibility-mode ports and IRQs (82371SB datasheet 2.7.1; ATA8-APT): primary and secondary channel. */
    public static final int IDE_PRIMARY_COMMAND = 0x1F0, IDE_PRIMARY_CONTROL = 0x3F6, IDE_PRIMARY_IRQ = 14,
            IDE_SECONDARY_COMMAND = 0x170, IDE_SECONDARY_CONTROL = 0x376, IDE_SECONDARY_IRQ = 15;
    /** Where this board's firmware puts the IDE bus-master registers (BAR4): a free 16-byte I/O block. */
    public static final int IDE_BUS_MASTER_BASE = 0xC000;
    /** SCI interrupt advertised in the FADT: ISA IRQ 9, as on PIIX4-based PCs. */
    public static final int SCI_IRQ = 9;

    /** PC/AT port map (IBM PC/AT Technical Reference; 82371SB datasheet 2.6 and 4.7). */
    public static final int PIC_MASTER_BASE = 0x20, PIC_SLAVE_BASE = 0xA0, ELCR_BASE = 0x4D0,
            PIT_BASE = 0x40, PORT_B = 0x61, I8042_DATA = 0x60, I8042_COMMAND = 0x64, RTC_BASE = 0x70,
            PCI_CONFIG_BASE = 0xCF8, DEBUG_EXIT_PORT = 0xF4;
    /** PC/AT IRQ assignments: PIT, keyboard, RTC, mouse. */
    public static final int PIT_IRQ = 0, KEYBOARD_IRQ = 1, RTC_IRQ = 8, MOUSE_IRQ = 12;
    /** ISA IRQ 0 arrives at I/O APIC input 2 (the MADT's interrupt source override). */
    public static final int PIT_GSI = 2;
    /** The BIOS's 8259 vector bases (IBM PC/AT Technical Reference: INT 08h-0Fh and 70h-77h). */
    public static final int BIOS_MASTER_VECTOR = 0x08, BIOS_SLAVE_VECTOR = 0x70;
    /** ELCR: IRQ 9 (SCI), 10 and 11 (PCI PIRQs) level triggered; bits 9-11 of the 16-bit pair. */
    public static final int ELCR_LEVEL_IRQS = (1 << 9) | (1 << 10) | (1 << 11);
    public static final int LOCAL_APIC_ID = 0, IO_APIC_ID = 1;
    public static final long IO_APIC_BASE = IoApic.DEFAULT_BASE;
    public static final long HPET_BASE = 0xFED0_0000L;
    /** Smallest HPET period the HPET table tells the OS to use: 100 us at 10 MHz. */
    public static final int HPET_MINIMUM_TICK = 1000;
    // SDM Vol.3 11.4.1 and 11.5.1: local APIC register offsets and the firmware's LVT values.
    private static final int APIC_SVR = 0xF0, APIC_LVT_LINT0 = 0x350, APIC_LVT_LINT1 = 0x360;
    private static final int APIC_SVR_ENABLED = 0x1FF, LVT_EXTINT = 0x700, LVT_NMI = 0x400;
    private static final int MSR_APIC_BASE = 0x1B, MSR_TSC_DEADLINE = 0x6E0;

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
    private final LocalApic localApic;
    private final IoApic ioApic;
    private final Pic8259Pair pic;
    private final Pit8254 pit;
    private final SystemControlPortB portB;
    private final CmosRtc rtc;
    private final Hpet hpet;
    private final HpetState hpetPowerOn;
    private final Ps2Keyboard keyboard;
    private final Ps2Mouse mouse;
    private final I8042 i8042;
    private final Ps2KeyboardState keyboardPowerOn;
    private final Ps2MouseState mousePowerOn;
    private final I8042State i8042PowerOn;
    private final PciHostBridge pciHost;
    private final Piix3IsaBridge piix3;
    private final Piix3Ide ide;
    private long ideBusMasterBase = BarListener.UNMAPPED;
    private final int[] pirqRoutes = new int[Piix3IsaBridge.PIRQ_COUNT];
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
     * Wires a board without the debug-exit port whose RTC starts at 2026-01-01T00:00:00Z.
     *
     * @param hostNanosSinceStart host time since process start, for the boot-timing port
     */
    public PcBoard(PhysicalMemory memory, VirtualClock clock, SerialBackend serial,
            FramebufferGeometry framebufferGeometry, LongSupplier hostNanosSinceStart,
            BootTimingListener bootTimingListener) {
        this(memory, clock, serial, framebufferGeometry, hostNanosSinceStart, bootTimingListener,
                DEFAULT_RTC_EPOCH_SECONDS, null);
    }

    /** The RTC's start in deterministic runs: 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_RTC_EPOCH_SECONDS = 1_767_225_600L;

    /**
     * Wires a board over {@code memory} (the framebuffer and the APIC and HPET pages are mapped
     * into it and the ACPI tables are written into its RAM).
     *
     * @param hostNanosSinceStart host time since process start, for the boot-timing port
     * @param rtcEpochSeconds     the wall-clock second the CMOS RTC shows at virtual time 0
     * @param debugExit           receives isa-debug-exit requests at port 0xF4, or null for no such port
     */
    public PcBoard(PhysicalMemory memory, VirtualClock clock, SerialBackend serial,
            FramebufferGeometry framebufferGeometry, LongSupplier hostNanosSinceStart,
            BootTimingListener bootTimingListener, long rtcEpochSeconds, DebugExitListener debugExit) {
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

        // Interrupt controllers: 8259 INTR -> LAPIC LINT0; I/O APIC messages -> LAPIC.
        this.localApic = new LocalApic(LOCAL_APIC_ID, clock);
        this.ioApic = new IoApic(IO_APIC_ID, localApic);
        localApic.setEoiBroadcast(ioApic::eoi);
        this.pic = new Pic8259Pair(localApic.lint0());

        this.hpet = new Hpet(clock, ioApic::line, isaIrq(PIT_IRQ), isaIrq(RTC_IRQ));
        IrqLine irq0 = isaIrq(PIT_IRQ);
        IrqLine irq8 = isaIrq(RTC_IRQ);
        // HPET 2.4: in legacy replacement mode the PIT and RTC are cut off from IRQ 0 and IRQ 8.
        this.pit = new Pit8254(clock, asserted -> {
            if (!hpet.legacyReplacement()) {
                irq0.set(asserted);
            }
        });
        this.portB = new SystemControlPortB(clock, pit);
        this.rtc = new CmosRtc(clock, asserted -> {
            if (!hpet.legacyReplacement()) {
                irq8.set(asserted);
            }
        }, rtcEpochSeconds);

        this.keyboard = new Ps2Keyboard(clock, KeyboardLeds.NONE);
        this.mouse = new Ps2Mouse();
        this.i8042 = new I8042(keyboard, mouse, isaIrq(KEYBOARD_IRQ), isaIrq(MOUSE_IRQ), new I8042Outputs() {
            @Override
            public void a20Changed(boolean enabled) {
                LOG.debug("8042 A20 gate {} (A20 is always enabled on this board)", enabled ? "on" : "off");
            }

            @Override
            public void resetRequested() {
                requestStop(StopReason.RESET, "8042 keyboard controller reset");
            }
        });
        this.keyboardPowerOn = keyboard.saveState();
        this.mousePowerOn = mouse.saveState();
        this.i8042PowerOn = i8042.saveState();
        this.hpetPowerOn = hpet.save();

        this.com1 = new Uart16550(serial, isaIrq(COM1_IRQ));
        this.pm = new AcpiPmControl(this::requestStop, isaIrq(SCI_IRQ));
        this.resetControl = new ResetControlRegister(this::requestStop);
        PciBus pciBus = new PciBus();
        pciBus.attach(0, 0, 0, I440fxPmc.create());
        this.piix3 = new Piix3IsaBridge(this::pirqRouted);
        pciBus.attach(0, 1, 0, piix3);
        this.ide = new Piix3Ide(memory, clock, isaIrq(IDE_PRIMARY_IRQ), isaIrq(IDE_SECONDARY_IRQ));
        ide.setBarListener((index, bar, base) -> moveIdeBusMasterPorts(base));
        pciBus.attach(0, 1, 1, ide);
        this.pciHost = new PciHostBridge(pciBus, resetControl);
        this.bootTimer = new BootTimer(hostNanosSinceStart, bootTimingListener);
        this.framebuffer = new Framebuffer(framebufferGeometry);
        this.acpiTables = new AcpiTables(new AcpiHardware(PM1A_EVT_BLK, AcpiPmControl.EVENT_BLOCK_LENGTH,
                PM1A_CNT_BLK, AcpiPmControl.CONTROL_BLOCK_LENGTH, RESET_CONTROL_PORT, RESET_VALUE, SCI_IRQ,
                AcpiPmControl.S5_SLEEP_TYPE), List.of(
                        Madt.forPc(LOCAL_APIC_ID, LocalApic.DEFAULT_BASE, IO_APIC_ID, IO_APIC_BASE, SCI_IRQ),
                        HpetTable.bytes(HPET_BASE, 0, HPET_MINIMUM_TICK)),
                PcDsdt.aml(memory.ramRanges().getFirst().end()));

        ports.register(PIC_MASTER_BASE, 2, pic.master(), "8259 master");
        ports.register(PIC_SLAVE_BASE, 2, pic.slave(), "8259 slave");
        ports.register(ELCR_BASE, 2, pic.edgeLevelControl(), "ELCR");
        ports.register(PIT_BASE, 4, pit, "8254 PIT");
        ports.register(PORT_B, 1, portB, "port B");
        ports.register(I8042_DATA, 1, i8042.dataPort(), "8042 data");
        ports.register(I8042_COMMAND, 1, i8042.commandPort(), "8042 command");
        ports.register(RTC_BASE, 2, rtc, "CMOS RTC");
        ports.register(COM1_BASE, COM1_PORTS, com1, "COM1");
        ports.register(PM1A_EVT_BLK, AcpiPmControl.EVENT_BLOCK_LENGTH, pm.eventBlock(), "ACPI PM1a_EVT_BLK");
        ports.register(PM1A_CNT_BLK, AcpiPmControl.CONTROL_BLOCK_LENGTH, pm.controlBlock(), "ACPI PM1a_CNT_BLK");
        ports.register(PCI_CONFIG_BASE, PciHostBridge.PORT_COUNT, pciHost, "PCI configuration (and reset control)");
        ports.register(BOOT_TIMER_PORT, 1, bootTimer, "boot timer");
        ports.register(IDE_PRIMARY_COMMAND, 8, ide.commandBlock(Piix3Ide.PRIMARY), "IDE primary");
        ports.register(IDE_PRIMARY_CONTROL, 1, ide.controlBlock(Piix3Ide.PRIMARY), "IDE primary control");
        ports.register(IDE_SECONDARY_COMMAND, 8, ide.commandBlock(Piix3Ide.SECONDARY), "IDE secondary");
        ports.register(IDE_SECONDARY_CONTROL, 1, ide.controlBlock(Piix3Ide.SECONDARY), "IDE secondary control");
        if (debugExit != null) {
            ports.register(DEBUG_EXIT_PORT, 1, new DebugExitPort(debugExit), "isa-debug-exit");
        }
        memory.mapSegment(FRAMEBUFFER_BASE, framebuffer.memory(), "framebuffer");
        memory.mapMmio(LocalApic.DEFAULT_BASE, PhysicalMemory.PAGE_SIZE, localApic, "local APIC");
        memory.mapMmio(IO_APIC_BASE, PhysicalMemory.PAGE_SIZE, ioApic, "I/O APIC");
        memory.mapMmio(HPET_BASE, PhysicalMemory.PAGE_SIZE, hpet, "HPET");
        writeCmosMemorySize();
        firmwareSetup();
        rsdpAddress = acpiTables.install(memory, ACPI_TABLES_BASE);
    }

    /** ISA IRQ {@code irq} as wired on this board: 8259 input {@code irq} and its I/O APIC input. */
    private IrqLine isaIrq(int irq) {
        IrqLine toPic = pic.line(irq);
        IrqLine toIoApic = ioApic.line(irq == PIT_IRQ ? PIT_GSI : irq);
        return asserted -> {
            toPic.set(asserted);
            toIoApic.set(asserted);
        };
    }

    // What firmware leaves behind for the OS (Limine protocol, x86-64 entry state: IF clear, PIC
    // and I/O APIC inputs masked). 8259A datasheet: ICW1-ICW4, then OCW1 masks all inputs.
    private void firmwareSetup() {
        programPic(PIC_MASTER_BASE, BIOS_MASTER_VECTOR, 1 << Pic8259Pair.CASCADE_INPUT);
        programPic(PIC_SLAVE_BASE, BIOS_SLAVE_VECTOR, Pic8259Pair.CASCADE_INPUT);
        pic.edgeLevelControl().write(0, 2, ELCR_LEVEL_IRQS);
        piix3.programRoutes(PirqRouting.defaultIsaIrqs());
        ide.firmwareSetup(IDE_BUS_MASTER_BASE);
        localApic.write(APIC_SVR, 4, APIC_SVR_ENABLED);
        localApic.write(APIC_LVT_LINT0, 4, LVT_EXTINT);
        localApic.write(APIC_LVT_LINT1, 4, LVT_NMI);
    }

    private void programPic(int base, int vectorBase, int cascade) {
        ports.write(base, 1, 0x11);           // ICW1: edge, cascade, ICW4 needed
        ports.write(base + 1, 1, vectorBase); // ICW2
        ports.write(base + 1, 1, cascade);    // ICW3
        ports.write(base + 1, 1, 0x01);       // ICW4: 8086 mode
        ports.write(base + 1, 1, 0xFF);       // OCW1: every input masked
    }

    // CMOS RAM memory-size bytes as PC BIOSes keep them (IBM PC/AT Technical Reference, CMOS RAM
    // address map: 0x15-0x16 base memory KiB, 0x17-0x18 and 0x30-0x31 extended memory KiB above
    // 1 MiB, capped at 0xFFFF); 0x34-0x35 (RAM above 16 MiB) and 0x5B-0x5D (RAM above 4 GiB) in
    // 64 KiB units follow the later BIOS convention that boot loaders read.
    private void writeCmosMemorySize() {
        long low = memory.ramRanges().getFirst().end();
        long high = memory.ramSize() - low;
        putCmosWord(0x15, 640);
        int extendedKib = (int) Math.min(0xFFFF, Math.max(0, (low - ACPI_REGION_END) >> 10));
        putCmosWord(0x17, extendedKib);
        putCmosWord(0x30, extendedKib);
        putCmosWord(0x34, (int) Math.min(0xFFFF, Math.max(0, (low - (16L << 20)) >> 16)));
        long highUnits = high >> 16;
        rtc.setByte(0x5B, (int) highUnits);
        rtc.setByte(0x5C, (int) (highUnits >> 8));
        rtc.setByte(0x5D, (int) (highUnits >> 16));
    }

    private void putCmosWord(int index, int value) {
        rtc.setByte(index, value & 0xFF);
        rtc.setByte(index + 1, value >> 8);
    }

    // PCI 3.0 6.2.5.1: the bus-master block decodes wherever BAR4 points; a base that collides
    // with another device's ports is a guest mistake, logged and left undecoded.
    private void moveIdeBusMasterPorts(long base) {
        if (ideBusMasterBase != BarListener.UNMAPPED) {
            ports.unregister((int) ideBusMasterBase, Piix3Ide.BUS_MASTER_PORTS, ide.busMasterPorts());
            ideBusMasterBase = BarListener.UNMAPPED;
        }
        if (base == BarListener.UNMAPPED) {
            return;
        }
        try {
            ports.register((int) base, Piix3Ide.BUS_MASTER_PORTS, ide.busMasterPorts(), "IDE bus master");
            ideBusMasterBase = base;
        } catch (IllegalArgumentException e) {
            LOG.debug("IDE BAR4 at 0x{} left undecoded: {}", Long.toHexString(base), e.getMessage());
        }
    }

    private void pirqRouted(int pirq, int isaIrq) {
        pirqRoutes[pirq] = isaIrq;
        LOG.debug("PIRQ{} routed to {}", (char) ('A' + pirq),
                isaIrq == PirqRouteListener.NOT_ROUTED ? "nothing" : "IRQ " + isaIrq);
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

    // SDM Vol.3 11.4.3: with IA32_APIC_BASE's enable clear the local APIC is out of the path and
    // the 8259's INTR reaches the processor directly; enabled, INTR arrives as ExtINT on LINT0.
    @Override
    public boolean interruptPending() {
        if (!localApic.hardwareEnabled()) {
            return pic.interruptPending();
        }
        return localApic.interruptPending() || (localApic.extIntPending() && pic.interruptPending());
    }

    @Override
    public int acknowledgeInterrupt() {
        if (!localApic.hardwareEnabled()) {
            return pic.acknowledge();
        }
        if (localApic.interruptPending()) {
            return localApic.acknowledge();
        }
        // SDM 11.6.1 ExtINT: the processor takes the vector from the external controller's INTA.
        return pic.acknowledge();
    }

    @Override
    public boolean nmiPending() {
        return localApic.nmiPending();
    }

    @Override
    public void acknowledgeNmi() {
        localApic.acknowledgeNmi();
    }

    @Override
    public boolean ownsMsr(int msr) {
        return msr == MSR_APIC_BASE || msr == MSR_TSC_DEADLINE
                || (msr >= LocalApic.X2APIC_MSR_FIRST && msr <= LocalApic.X2APIC_MSR_LAST);
    }

    @Override
    public long readMsr(int msr) {
        return switch (msr) {
            case MSR_APIC_BASE -> localApic.readApicBase();
            case MSR_TSC_DEADLINE -> localApic.readTscDeadline();
            default -> localApic.readMsr(msr);
        };
    }

    @Override
    public void writeMsr(int msr, long value) {
        switch (msr) {
            case MSR_APIC_BASE -> {
                localApic.writeApicBase(value);
                if (localApic.baseAddress() != LocalApic.DEFAULT_BASE) {
                    LOG.debug("guest moved the local APIC to 0x{}: the MMIO page stays at 0x{}",
                            Long.toHexString(localApic.baseAddress()), Long.toHexString(LocalApic.DEFAULT_BASE));
                }
            }
            case MSR_TSC_DEADLINE -> localApic.writeTscDeadline(value);
            default -> localApic.writeMsr(msr, value);
        }
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
        pic.reset();
        pit.reset();
        portB.reset();
        localApic.reset();
        ioApic.reset();
        hpet.restore(hpetPowerOn);
        keyboard.restoreState(keyboardPowerOn);
        mouse.restoreState(mousePowerOn);
        i8042.restoreState(i8042PowerOn);
        pciHost.reset();
        piix3.reset();
        ide.reset();
        framebuffer.clear();
        // The CMOS RTC is battery-backed: its time and RAM survive a reset.
        firmwareSetup();
        rsdpAddress = acpiTables.install(memory, ACPI_TABLES_BASE);
    }

    /** The host pressed the power button (system_powerdown): PWRBTN_STS and an SCI if enabled. */
    public void pressPowerButton() {
        pm.pressPowerButton();
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

    public Ps2Keyboard keyboard() {
        return keyboard;
    }

    public Ps2Mouse mouse() {
        return mouse;
    }

    public LocalApic localApic() {
        return localApic;
    }

    public IoApic ioApic() {
        return ioApic;
    }

    public Pic8259Pair pic() {
        return pic;
    }

    public CmosRtc rtc() {
        return rtc;
    }

    /** The PIIX3 IDE controller, where the machine attaches disks before it runs. */
    public Piix3Ide ide() {
        return ide;
    }

    /** The ISA IRQ PIRQA..D (0..3) is routed to, or {@link PirqRouteListener#NOT_ROUTED}. */
    public int pirqRoute(int pirq) {
        return pirqRoutes[pirq];
    }
}
