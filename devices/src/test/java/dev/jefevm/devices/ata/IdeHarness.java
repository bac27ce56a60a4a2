package dev.jefevm.devices.ata;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.devices.bus.IoPortDevice;

/**
 * A PIIX3 IDE controller with a disk as primary master, driven through its ports the way a guest
 * driver would, on a deterministic clock; counts rising edges of the primary IRQ line.
 */
final class IdeHarness {

    static final int BUS_MASTER_BASE = 0xC000;

    final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    final VirtualClock clock = VirtualClock.deterministic();
    final MemoryDisk disk;
    final Piix3Ide ide;
    boolean irq;
    int irqEdges;

    IdeHarness(MemoryDisk disk) {
        this.disk = disk;
        this.ide = new Piix3Ide(memory, clock, level -> {
            if (level && !irq) {
                irqEdges++;
            }
            irq = level;
        }, level -> { });
        if (disk != null) {
            ide.attach(Piix3Ide.PRIMARY, 0, disk);
        }
        ide.firmwareSetup(BUS_MASTER_BASE);
        ide.configWrite(0x04, 2, 0x0005); // I/O space and bus master enabled
    }

    IoPortDevice ports() {
        return ide.commandBlock(Piix3Ide.PRIMARY);
    }

    int status() {
        return ports().read(AtaRegisters.STATUS_COMMAND, 1);
    }

    int altStatus() {
        return ide.controlBlock(Piix3Ide.PRIMARY).read(0, 1);
    }

    int error() {
        return ports().read(AtaRegisters.ERROR_FEATURES, 1);
    }

    void deviceControl(int value) {
        ide.controlBlock(Piix3Ide.PRIMARY).write(0, 1, value);
    }

    void set(int register, int value) {
        ports().write(register, 1, value);
    }

    /** A 28-bit LBA command for device 0. */
    void command28(int command, long lba, int count) {
        set(AtaRegisters.SECTOR_COUNT, count);
        set(AtaRegisters.LBA_LOW, (int) lba);
        set(AtaRegisters.LBA_MID, (int) (lba >> 8));
        set(AtaRegisters.LBA_HIGH, (int) (lba >> 16));
        set(AtaRegisters.DEVICE, AtaRegisters.DEVICE_LBA | (int) ((lba >> 24) & 0x0F));
        set(AtaRegisters.STATUS_COMMAND, command);
    }

    /** A 48-bit command: each register written twice, high-order byte first. */
    void command48(int command, long lba, int count) {
        set(AtaRegisters.SECTOR_COUNT, count >> 8);
        set(AtaRegisters.LBA_LOW, (int) (lba >> 24));
        set(AtaRegisters.LBA_MID, (int) (lba >> 32));
        set(AtaRegisters.LBA_HIGH, (int) (lba >> 40));
        set(AtaRegisters.SECTOR_COUNT, count);
        set(AtaRegisters.LBA_LOW, (int) lba);
        set(AtaRegisters.LBA_MID, (int) (lba >> 8));
        set(AtaRegisters.LBA_HIGH, (int) (lba >> 16));
        set(AtaRegisters.DEVICE, AtaRegisters.DEVICE_LBA);
        set(AtaRegisters.STATUS_COMMAND, command);
    }

    void nonData(int command, int features, int count) {
        set(AtaRegisters.ERROR_FEATURES, features);
        set(AtaRegisters.SECTOR_COUNT, count);
        set(AtaRegisters.DEVICE, 0);
        set(AtaRegisters.STATUS_COMMAND, command);
    }

    /** Lets virtual time pass until image I/O in flight has completed. */
    void settle() {
        clock.retire(InlineDiskIo.COMPLETION_DELAY_NANOS / VirtualClock.NANOS_PER_INSTRUCTION);
        clock.runDueTimers();
    }

    /** Reads {@code bytes} through the Data register, one 16-bit word at a time. */
    byte[] readData(int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i += 2) {
            int w = ports().read(AtaRegisters.DATA, 2);
            out[i] = (byte) w;
            out[i + 1] = (byte) (w >> 8);
        }
        return out;
    }

    void writeData(byte[] data) {
        for (int i = 0; i < data.length; i += 2) {
            ports().write(AtaRegisters.DATA, 2, (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8);
        }
    }

    int busMasterRead(int offset, int size) {
        return ide.busMasterPorts().read(offset, size);
    }

    void busMasterWrite(int offset, int size, int value) {
        ide.busMasterPorts().write(offset, size, value);
    }

    /** Writes PRD entries at {@code table}: pairs of (address, byte count); the last gets EOT. */
    void prdTable(long table, long... addressAndCount) {
        for (int i = 0; i < addressAndCount.length; i += 2) {
            boolean last = i + 2 == addressAndCount.length;
            memory.write32(table + 4L * i, (int) addressAndCount[i]);
            memory.write32(table + 4L * i + 4, (int) (addressAndCount[i + 1] & 0xFFFF) | (last ? 0x8000_0000 : 0));
        }
    }

    static byte[] patternBytes(long firstLba, int count) {
        byte[] out = new byte[count * 512];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < 512; i++) {
                out[s * 512 + i] = (byte) MemoryDisk.pattern(firstLba + s, i);
            }
        }
        return out;
    }
}
