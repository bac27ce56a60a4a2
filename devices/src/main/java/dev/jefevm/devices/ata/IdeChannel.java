package dev.jefevm.devices.ata;

import static dev.jefevm.devices.ata.AtaRegisters.CONTROL_HOB;
import static dev.jefevm.devices.ata.AtaRegisters.CONTROL_NIEN;
import static dev.jefevm.devices.ata.AtaRegisters.CONTROL_SRST;

import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import dev.jefevm.disk.BlockDevice;
import java.util.function.BooleanSupplier;

/**
 * One ATA channel (a "cable") of the IDE controller: up to two devices, device 0 and device 1,
 * behind one set of Command Block registers and one Device Control / Alternate Status register
 * (ATA8-APT 6), one interrupt line and one {@link BusMaster}. Writes to the Command Block go to
 * the shared {@link TaskFile} that both devices latch; reads come from the device that the Device
 * register selects. Only the selected device drives INTRQ, and not while nIEN is set.
 *
 * <p>Missing devices: with no device on the channel, Status reads 7Fh (the host's pull-down on
 * DD7 makes BSY read 0, the rest floats) and other registers FFh. With only device 0 present and
 * device 1 selected, device 0 answers for it (ATA8-APT 5.2.10): Status and Alternate Status read
 * 00h, and a command sent to device 1 (IDENTIFY DEVICE among them) ends at once with ERR and ABRT
 * in Error, without an interrupt; EXECUTE DEVICE DIAGNOSTIC runs on device 0 as always.
 */
final class IdeChannel {

    private static final int NO_DEVICE_STATUS = 0x7F;

    private final String name;
    private final TaskFile taskFile = new TaskFile();
    private final AtaDrive[] drives = new AtaDrive[2];
    private final BusMaster busMaster;
    private final IrqLine irq;
    private final BooleanSupplier decoding;
    private DiskIo io;
    private int control;
    private int absentStatus;
    private int absentError;
    private boolean irqLevel;

    private final IoPortDevice commandBlock = new IoPortDevice() {
        @Override
        public int read(int offset, int size) {
            return decoding.getAsBoolean() ? readCommandBlock(offset, size) : allOnes(size);
        }

        @Override
        public void write(int offset, int size, int value) {
            if (decoding.getAsBoolean()) {
                writeCommandBlock(offset, size, value);
            }
        }
    };

    private final IoPortDevice controlBlock = new IoPortDevice() {
        @Override
        public int read(int offset, int size) {
            if (!decoding.getAsBoolean() || offset != 0) {
                return allOnes(size);
            }
            return statusOfSelected();
        }

        @Override
        public void write(int offset, int size, int value) {
            if (decoding.getAsBoolean() && offset == 0) {
                writeDeviceControl(value & 0xFF);
            }
        }
    };

    /**
     * @param decoding true while the controller decodes this channel's ports (PCI I/O enable and
     *                 the PIIX IDETIM decode enable)
     */
    IdeChannel(String name, PhysicalMemory memory, IrqLine irq, BooleanSupplier busMasterEnabled,
            BooleanSupplier decoding, DiskIo io) {
        this.name = name;
        this.irq = irq;
        this.decoding = decoding;
        this.io = io;
        this.busMaster = new BusMaster(memory, busMasterEnabled, this::busMasterStarted);
        taskFile.setSignature();
    }

    /** Connects {@code disk} as device 0 or 1 of this channel; {@code serial} is its IDENTIFY serial number. */
    void attach(int device, BlockDevice disk, String serial) {
        if (drives[device] != null) {
            throw new IllegalArgumentException(name + " device " + device + " already has a disk");
        }
        drives[device] = new AtaDrive(this, disk, name + " device " + device, serial, device == 1);
        markDmaCapable();
    }

    // BMISX bits 5-6: set by firmware for the drives it found able to do DMA (all of ours).
    private void markDmaCapable() {
        int capable = (drives[0] != null ? BusMaster.STATUS_DRIVE0_DMA : 0)
                | (drives[1] != null ? BusMaster.STATUS_DRIVE1_DMA : 0);
        busMaster.write(BusMaster.STATUS, 1, capable);
    }

    BlockDevice disk(int device) {
        return drives[device] == null ? null : drives[device].disk();
    }

    IoPortDevice commandBlock() {
        return commandBlock;
    }

    IoPortDevice controlBlock() {
        return controlBlock;
    }

    BusMaster busMaster() {
        return busMaster;
    }

    TaskFile taskFile() {
        return taskFile;
    }

    DiskIo io() {
        return io;
    }

    void useIo(DiskIo newIo) {
        this.io = newIo;
    }

    // ------------------------------------------------------------------ registers

    private int readCommandBlock(int offset, int size) {
        if (drives[0] == null && drives[1] == null) {
            return offset == AtaRegisters.STATUS_COMMAND ? NO_DEVICE_STATUS : allOnes(size);
        }
        AtaDrive drive = selected();
        boolean hob = (control & CONTROL_HOB) != 0;
        return switch (offset) {
            case AtaRegisters.DATA -> drive == null ? allOnes(size) : drive.readData(size);
            case AtaRegisters.ERROR_FEATURES -> drive == null ? absentError : drive.error();
            case AtaRegisters.STATUS_COMMAND -> {
                if (drive == null) {
                    yield absentStatus;
                }
                drive.acknowledgeInterrupt();
                updateIrq();
                yield drive.status();
            }
            default -> taskFile.read(offset, hob);
        };
    }

    private void writeCommandBlock(int offset, int size, int value) {
        if (offset == AtaRegisters.DATA) {
            AtaDrive drive = selected();
            if (drive != null) {
                drive.writeData(size, value);
            }
            return;
        }
        if (drives[0] == null && drives[1] == null) {
            return;
        }
        if (offset == AtaRegisters.STATUS_COMMAND) {
            command(value & 0xFF);
            return;
        }
        taskFile.write(offset, value);
        control &= ~CONTROL_HOB; // ATA8-APT: a Command Block write clears HOB
        if (offset == AtaRegisters.DEVICE) {
            updateIrq();
        }
    }

    private void command(int command) {
        if (command == AtaCommand.EXECUTE_DEVICE_DIAGNOSTIC) {
            executeDeviceDiagnostic();
            return;
        }
        AtaDrive drive = selected();
        if (drive == null) {
            absentStatus = AtaRegisters.STATUS_ERR;
            absentError = AtaRegisters.ERROR_ABRT;
            return;
        }
        drive.execute(command);
    }

    // ATA8-ACS 7.10: both devices run their diagnostics; device 0 reports with the signature.
    private void executeDeviceDiagnostic() {
        for (AtaDrive drive : drives) {
            if (drive != null) {
                drive.endSoftReset();
            }
        }
        taskFile.setSignature();
        absentStatus = 0;
        absentError = 0;
        AtaDrive reporter = drives[0] != null ? drives[0] : drives[1];
        reporter.diagnosticDone();
    }

    private int statusOfSelected() {
        if (drives[0] == null && drives[1] == null) {
            return NO_DEVICE_STATUS;
        }
        AtaDrive drive = selected();
        return drive == null ? absentStatus : drive.status();
    }

    private void writeDeviceControl(int value) {
        boolean wasReset = (control & CONTROL_SRST) != 0;
        control = value & (CONTROL_HOB | CONTROL_SRST | CONTROL_NIEN);
        boolean reset = (control & CONTROL_SRST) != 0;
        if (reset && !wasReset) {
            for (AtaDrive drive : drives) {
                if (drive != null) {
                    drive.beginSoftReset();
                }
            }
        } else if (!reset && wasReset) {
            // ATA8-APT 9.2: the reset ends with the signature in the task file, and no interrupt.
            for (AtaDrive drive : drives) {
                if (drive != null) {
                    drive.endSoftReset();
                }
            }
            taskFile.setSignature();
            absentStatus = 0;
            absentError = 0;
        }
        updateIrq();
    }

    private AtaDrive selected() {
        return drives[taskFile.device1Selected() ? 1 : 0];
    }

    // ------------------------------------------------------------------ interrupts and DMA

    /** A device asserted INTRQ: the bus master's Interrupt bit, and the line if it is selected. */
    void deviceInterrupt() {
        busMaster.deviceInterrupt();
        updateIrq();
    }

    private void updateIrq() {
        AtaDrive drive = selected();
        boolean level = drive != null && drive.interruptPending() && (control & CONTROL_NIEN) == 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private void busMasterStarted() {
        for (AtaDrive drive : drives) {
            if (drive != null) {
                drive.busMasterStarted();
            }
        }
    }

    /** Power-on or PCI reset: every device reset, bus master stopped, the signature in place. */
    void reset() {
        control = 0;
        busMaster.reset();
        for (AtaDrive drive : drives) {
            if (drive != null) {
                drive.hardReset();
            }
        }
        markDmaCapable();
        taskFile.setSignature();
        absentStatus = 0;
        absentError = 0;
        updateIrq();
    }

    private static int allOnes(int size) {
        return size >= 4 ? 0xFFFF_FFFF : (1 << (8 * size)) - 1;
    }
}
