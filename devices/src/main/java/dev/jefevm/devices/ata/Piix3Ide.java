package dev.jefevm.devices.ata;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import dev.jefevm.devices.pci.BarListener;
import dev.jefevm.devices.pci.PciBar;
import dev.jefevm.devices.pci.PciFunction;
import dev.jefevm.devices.pci.PciType0Function;
import dev.jefevm.disk.BlockDevice;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Function 1 of the Intel 82371SB PIIX3, its IDE controller (82371SB datasheet 2.7 and 4.2):
 * vendor 8086h, device 7010h, class 01/01/80h (mass storage, IDE, bus master capable, both
 * channels fixed in compatibility mode), so its two channels decode the legacy ports and raise
 * ISA IRQ 14 and 15 (the board wires both); BAR4 (BMIBA) is the 16-byte I/O block of bus-master
 * registers, primary channel at 0-7, secondary at 8-15. IDETIM (40h primary, 42h secondary) bit 15
 * enables the legacy decode of a channel, together with the Command register's I/O enable; the
 * rest of IDETIM and SIDETIM (44h) are timing fields kept for the guest to read back.
 *
 * <p>Disks attach before the machine runs. Image I/O runs through a {@link DiskIo}: inline with
 * a fixed virtual-time delay by default (deterministic), or on one I/O thread per controller after
 * {@link #useIoThread}. {@link #close()} stops the I/O thread and closes the attached disks.
 */
public final class Piix3Ide implements PciFunction {

    private static final Logger LOG = LoggerFactory.getLogger(Piix3Ide.class);

    static final int VENDOR_INTEL = 0x8086, DEVICE_82371SB_IDE = 0x7010;
    static final int CLASS_IDE_BUS_MASTER = 0x01_01_80;
    /** BMIBA: the bus-master registers are BAR4, 16 bytes of I/O space. */
    public static final int BUS_MASTER_BAR = 4, BUS_MASTER_PORTS = 16;
    static final int BAR4 = 0x20, IDETIM_PRIMARY = 0x40, IDETIM_SECONDARY = 0x42, SIDETIM = 0x44;
    /** IDETIM bit 15: IDE decode enable for the channel's legacy ports. */
    static final int IDETIM_DECODE_ENABLE = 0x8000;
    // PCI 3.0 6.2: Command and Status register offsets.
    private static final int PCI_COMMAND = 0x04, PCI_STATUS = 0x06;
    private static final int POWER_ON_STATUS = 0x0280; // fast back-to-back capable, medium DEVSEL
    private static final int CHANNEL_BUS_MASTER_PORTS = 8;

    /** The two channels by number. */
    public static final int PRIMARY = 0, SECONDARY = 1;

    private final PciType0Function header =
            new PciType0Function(VENDOR_INTEL, DEVICE_82371SB_IDE, 0x00, CLASS_IDE_BUS_MASTER, false);
    private final IdeChannel[] channels = new IdeChannel[2];
    private final DiskIo[] inlineIo = new DiskIo[2];
    private DiskIo ioThread;
    private boolean closed;

    private final IoPortDevice busMasterPorts = new IoPortDevice() {
        @Override
        public int read(int offset, int size) {
            if (offset < 0 || offset >= BUS_MASTER_PORTS) {
                return size >= 4 ? 0xFFFF_FFFF : (1 << (8 * size)) - 1;
            }
            return channels[offset / CHANNEL_BUS_MASTER_PORTS].busMaster().read(offset % CHANNEL_BUS_MASTER_PORTS, size);
        }

        @Override
        public void write(int offset, int size, int value) {
            if (offset >= 0 && offset < BUS_MASTER_PORTS) {
                channels[offset / CHANNEL_BUS_MASTER_PORTS].busMaster().write(offset % CHANNEL_BUS_MASTER_PORTS, size, value);
            }
        }
    };

    /** A controller at power-on, its channels interrupting through {@code primaryIrq} and {@code secondaryIrq}. */
    public Piix3Ide(PhysicalMemory memory, VirtualClock clock, IrqLine primaryIrq, IrqLine secondaryIrq) {
        header.config().init(PCI_STATUS, 2, POWER_ON_STATUS);
        header.config().makeWritable(IDETIM_PRIMARY, 2, 0xFFFF);
        header.config().makeWritable(IDETIM_SECONDARY, 2, 0xFFFF);
        header.config().makeWritable(SIDETIM, 1, 0xFF);
        header.defineBar(BUS_MASTER_BAR, PciBar.io(BUS_MASTER_PORTS));
        inlineIo[PRIMARY] = new InlineDiskIo(clock, "IDE primary I/O");
        inlineIo[SECONDARY] = new InlineDiskIo(clock, "IDE secondary I/O");
        channels[PRIMARY] = new IdeChannel("primary", memory, primaryIrq, header::busMasterEnabled,
                () -> decodes(IDETIM_PRIMARY), inlineIo[PRIMARY]);
        channels[SECONDARY] = new IdeChannel("secondary", memory, secondaryIrq, header::busMasterEnabled,
                () -> decodes(IDETIM_SECONDARY), inlineIo[SECONDARY]);
    }

    private boolean decodes(int idetim) {
        return (header.command() & PciType0Function.COMMAND_IO) != 0
                && (header.config().read(idetim, 2) & IDETIM_DECODE_ENABLE) != 0;
    }

    /**
     * Connects {@code disk} to {@code channel} ({@link #PRIMARY} or {@link #SECONDARY}) as device
     * 0 (master) or 1 (slave); the controller closes it in {@link #close()}.
     */
    public void attach(int channel, int device, BlockDevice disk) {
        channels[channel].attach(device, disk, "JEFEVM-" + (2 * channel + device + 1));
    }

    /** The disk at {@code channel}/{@code device}, or null. */
    public BlockDevice disk(int channel, int device) {
        return channels[channel].disk(device);
    }

    /**
     * Moves image I/O to one thread of its own (interactive runs): completions come back through
     * {@code vcpu}, which must run them on the vCPU thread (the machine's post). Call before the
     * guest runs.
     */
    public void useIoThread(Executor vcpu) {
        if (ioThread == null) {
            ioThread = new ThreadedDiskIo("ide-io", vcpu);
            channels[PRIMARY].useIo(ioThread);
            channels[SECONDARY].useIo(ioThread);
        }
    }

    /** Tells {@code listener} where BAR4 decodes, so the board can map {@link #busMasterPorts()}. */
    public void setBarListener(BarListener listener) {
        header.setBarListener(listener);
    }

    /** The Command Block ports (8) of a channel, for the board to map at 1F0h or 170h. */
    public IoPortDevice commandBlock(int channel) {
        return channels[channel].commandBlock();
    }

    /** The Device Control / Alternate Status port of a channel, for the board to map at 3F6h or 376h. */
    public IoPortDevice controlBlock(int channel) {
        return channels[channel].controlBlock();
    }

    /** The bus-master registers that BAR4 decodes. */
    public IoPortDevice busMasterPorts() {
        return busMasterPorts;
    }

    /**
     * What firmware does before the OS runs: BAR4 at {@code busMasterBase}, both channels'
     * legacy decode enabled, I/O decoding on (bus mastering is left for the OS driver to enable).
     */
    public void firmwareSetup(int busMasterBase) {
        configWrite(BAR4, 4, busMasterBase);
        configWrite(IDETIM_PRIMARY, 2, IDETIM_DECODE_ENABLE);
        configWrite(IDETIM_SECONDARY, 2, IDETIM_DECODE_ENABLE);
        configWrite(PCI_COMMAND, 2, header.command() | PciType0Function.COMMAND_IO);
    }

    /** PCI RST#: configuration registers and both channels to power-on state. */
    public void reset() {
        header.reset();
        channels[PRIMARY].reset();
        channels[SECONDARY].reset();
    }

    /** Stops the I/O thread (waiting for I/O in flight) and closes every attached disk; once. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DiskIo io : inlineIo) {
            io.close();
        }
        if (ioThread != null) {
            ioThread.close();
        }
        for (IdeChannel channel : channels) {
            for (int device = 0; device < 2; device++) {
                BlockDevice disk = channel.disk(device);
                if (disk != null) {
                    try {
                        disk.close();
                    } catch (IOException e) {
                        LOG.warn("closing a disk image failed: {}", e.getMessage());
                    }
                }
            }
        }
    }

    @Override
    public int configRead(int offset, int size) {
        return header.configRead(offset, size);
    }

    @Override
    public void configWrite(int offset, int size, int value) {
        header.configWrite(offset, size, value);
    }
}
