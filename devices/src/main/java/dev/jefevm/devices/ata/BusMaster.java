package dev.jefevm.devices.ata;

import dev.jefevm.core.memory.PhysicalMemory;
import java.util.function.BooleanSupplier;

/**
 * The bus-master IDE registers of one channel (SFF-8038i "Bus Master Programming Interface for
 * IDE ATA Controllers", and 82371SB datasheet 2.7: BMICX, BMISX, BMIDTPX): the Command register
 * (bit 0 Start/Stop, bit 3 Read/Write), the Status register (bit 0 Active, bit 1 Error and bit 2
 * Interrupt write-one-to-clear, bits 5-6 drive DMA capable) and the Descriptor Table Pointer.
 * It moves a command's data between guest memory and a buffer by walking the Physical Region
 * Descriptor table: each 8-byte entry gives a word-aligned base address and a byte count in bits
 * 15:1 (0 means 64 KiB), bit 31 marks the last entry (EOT). Memory goes through
 * {@link PhysicalMemory}, so DMA into code pages invalidates translated code.
 *
 * <p>The transfer direction is the ATA command's (READ DMA fills memory); bit 3 is kept for the
 * guest to read back. Regions may cross 64 KiB boundaries (the PIIX3 forbids it; this model does
 * not check). A table that ends before the data sets Error and the command ends with ABRT rather
 * than hanging. Register offsets are relative to the channel's 8-byte block.
 */
final class BusMaster {

    static final int COMMAND = 0, STATUS = 2, PRD_POINTER = 4;
    static final int COMMAND_START = 0x01, COMMAND_READ_WRITE = 0x08;
    static final int STATUS_ACTIVE = 0x01, STATUS_ERROR = 0x02, STATUS_INTERRUPT = 0x04,
            STATUS_DRIVE0_DMA = 0x20, STATUS_DRIVE1_DMA = 0x40;
    private static final int STATUS_WRITE_ONE_TO_CLEAR = STATUS_ERROR | STATUS_INTERRUPT;
    private static final int STATUS_READ_WRITE = STATUS_DRIVE0_DMA | STATUS_DRIVE1_DMA;
    private static final int PRD_ENTRY_SIZE = 8, PRD_EOT = 0x8000_0000, PRD_MAX_BYTES = 0x1_0000;

    /** How the PRD table's size compared with the transfer (SFF-8038i, Interrupt/Active table). */
    enum Outcome {
        /** The table ended (EOT) exactly with the data: Active clears. */
        EXACT,
        /** The data ended before the table: Active stays set until the guest clears Start. */
        TABLE_LARGER,
        /** The table ended (EOT) before the data: only part of it moved. */
        TABLE_SMALLER
    }

    private final PhysicalMemory memory;
    private final BooleanSupplier busMasterEnabled;
    private final Runnable started;
    private int command;
    private int status;
    private int prdPointer;

    /**
     * @param busMasterEnabled the PCI Command register's Bus Master Enable, without which no DMA happens
     * @param started          told when the guest sets Start, so a waiting command can move its data
     */
    BusMaster(PhysicalMemory memory, BooleanSupplier busMasterEnabled, Runnable started) {
        this.memory = memory;
        this.busMasterEnabled = busMasterEnabled;
        this.started = started;
    }

    int read(int offset, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            value |= readByte(offset + i) << (8 * i);
        }
        return value;
    }

    void write(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            writeByte(offset + i, (value >>> (8 * i)) & 0xFF);
        }
    }

    private int readByte(int offset) {
        return switch (offset) {
            case COMMAND -> command;
            case STATUS -> status;
            case PRD_POINTER, PRD_POINTER + 1, PRD_POINTER + 2, PRD_POINTER + 3 ->
                    (prdPointer >>> (8 * (offset - PRD_POINTER))) & 0xFF;
            default -> 0;
        };
    }

    private void writeByte(int offset, int value) {
        switch (offset) {
            case COMMAND -> writeCommand(value);
            case STATUS -> status = (status & ~STATUS_READ_WRITE & ~(value & STATUS_WRITE_ONE_TO_CLEAR))
                    | (value & STATUS_READ_WRITE);
            case PRD_POINTER, PRD_POINTER + 1, PRD_POINTER + 2, PRD_POINTER + 3 -> {
                int shift = 8 * (offset - PRD_POINTER);
                // 82371SB BMIDTPX: bits 1:0 are reserved (the table is dword aligned).
                prdPointer = ((prdPointer & ~(0xFF << shift)) | (value << shift)) & ~3;
            }
            default -> { }
        }
    }

    private void writeCommand(int value) {
        boolean wasStarted = (command & COMMAND_START) != 0;
        command = value & (COMMAND_START | COMMAND_READ_WRITE);
        boolean start = (command & COMMAND_START) != 0;
        if (start && !wasStarted) {
            status |= STATUS_ACTIVE;
            started.run();
        } else if (!start) {
            // SFF-8038i: clearing Start halts the transfer; any data not moved is lost.
            status &= ~STATUS_ACTIVE;
        }
    }

    /** True when the guest has set Start and PCI bus mastering is enabled. */
    boolean readyToTransfer() {
        return (command & COMMAND_START) != 0 && (status & STATUS_ACTIVE) != 0 && busMasterEnabled.getAsBoolean();
    }

    /** The device raised its interrupt: Status bit 2 (SFF-8038i: set on the rising INTRQ edge). */
    void deviceInterrupt() {
        status |= STATUS_INTERRUPT;
    }

    /** Copies {@code buffer[0..length)} into the memory the PRD table describes. */
    Outcome toMemory(byte[] buffer, int length) {
        return walk(buffer, length, true);
    }

    /** Fills {@code buffer[0..length)} from the memory the PRD table describes. */
    Outcome fromMemory(byte[] buffer, int length) {
        return walk(buffer, length, false);
    }

    private Outcome walk(byte[] buffer, int length, boolean toMemory) {
        long entry = prdPointer & 0xFFFF_FFFFL;
        int done = 0;
        Outcome outcome;
        while (true) {
            long base = memory.read32(entry) & 0xFFFF_FFFEL;
            int control = memory.read32(entry + 4);
            int count = control & 0xFFFE;
            int regionBytes = count == 0 ? PRD_MAX_BYTES : count;
            boolean last = (control & PRD_EOT) != 0;
            int n = Math.min(regionBytes, length - done);
            if (toMemory) {
                memory.writeBytes(base, buffer, done, n);
            } else {
                memory.readBytes(base, buffer, done, n);
            }
            done += n;
            if (done == length) {
                outcome = last && n == regionBytes ? Outcome.EXACT : Outcome.TABLE_LARGER;
                break;
            }
            if (last) {
                outcome = Outcome.TABLE_SMALLER;
                break;
            }
            entry = (entry + PRD_ENTRY_SIZE) & 0xFFFF_FFFFL;
        }
        if (outcome != Outcome.TABLE_LARGER) {
            status &= ~STATUS_ACTIVE;
        }
        if (outcome == Outcome.TABLE_SMALLER) {
            status |= STATUS_ERROR;
        }
        return outcome;
    }

    /** Power-on values: stopped, nothing pending, no drive marked DMA capable. */
    void reset() {
        command = 0;
        status = 0;
        prdPointer = 0;
    }
}
