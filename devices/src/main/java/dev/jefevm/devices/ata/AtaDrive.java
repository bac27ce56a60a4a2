package dev.jefevm.devices.ata;

import static dev.jefevm.devices.ata.AtaRegisters.ERROR_ABRT;
import static dev.jefevm.devices.ata.AtaRegisters.ERROR_IDNF;
import static dev.jefevm.devices.ata.AtaRegisters.ERROR_UNC;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_BSY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DRDY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DRQ;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DSC;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_ERR;

import dev.jefevm.disk.BlockDevice;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ATA disk on a channel (ATA/ATAPI-8 ACS): executes the commands of {@link AtaCommand}
 * against a {@link BlockDevice} with the protocols of ATA8-APT 11: non-data (FLUSH CACHE, SET
 * FEATURES, SET MULTIPLE MODE, READ VERIFY...), PIO data-in (IDENTIFY DEVICE, READ SECTORS (EXT),
 * READ MULTIPLE (EXT)), PIO data-out (WRITE SECTORS (EXT), WRITE MULTIPLE (EXT)) and DMA (READ/WRITE
 * DMA (EXT)) through the channel's {@link BusMaster}. Keeps its own Status and Error registers,
 * the pending-interrupt state and its settings (multiple count, write cache, look-ahead,
 * transfer mode, CHS translation).
 *
 * <p>Image I/O goes through the channel's {@link DiskIo}: the drive shows BSY until the data is
 * read (then DRQ, or the DMA transfer and the interrupt) or written. PIO writes collect every
 * DRQ block of the command first (as a drive's write cache would) and write them in one go.
 * Image failures end the command with ERR and UNC (reads) or ABRT (writes, flush), logged once.
 * A reset cancels what is in flight: a completion from before it is ignored. Vcpu thread only.
 */
final class AtaDrive {

    private static final Logger LOG = LoggerFactory.getLogger(AtaDrive.class);
    private static final int SECTOR = BlockDevice.SECTOR_SIZE;
    private static final int READY = STATUS_DRDY | STATUS_DSC;

    private enum Phase { IDLE, BUSY, PIO_IN, PIO_OUT, DMA }

    private final IdeChannel channel;
    private final BlockDevice disk;
    private final long sectors;
    private final String name;
    private final String serial;
    private final boolean device1;

    private int status = READY;
    private int error = AtaRegisters.DIAGNOSTIC_PASSED;
    private boolean interruptPending;
    private int multipleSetting;
    private boolean writeCache = true;
    private boolean readLookAhead = true;
    private int transferMode = TransferMode.PIO_FLOW_CONTROL | TransferMode.MAX_PIO;
    private DiskGeometry currentGeometry;

    private Phase phase = Phase.IDLE;
    private int generation;
    private byte[] buffer = new byte[0];
    private int position;
    private int blockEnd;
    private int length;
    private int blockBytes;
    private long startLba;
    private boolean dmaToDisk;
    private boolean dmaDataReady;
    private boolean loggedIoFailure;

    AtaDrive(IdeChannel channel, BlockDevice disk, String name, String serial, boolean device1) {
        this.channel = channel;
        this.disk = disk;
        this.sectors = disk.size() / SECTOR;
        this.name = name;
        this.serial = serial;
        this.device1 = device1;
        this.currentGeometry = DiskGeometry.forCapacity(sectors);
    }

    BlockDevice disk() {
        return disk;
    }

    int status() {
        return status;
    }

    int error() {
        return error;
    }

    boolean interruptPending() {
        return interruptPending;
    }

    /** Reading Status acknowledges the interrupt (ATA8-APT: INTRQ is cleared by a Status read). */
    void acknowledgeInterrupt() {
        interruptPending = false;
    }

    // ------------------------------------------------------------------ commands

    /** A write to the Command register while this drive is selected. */
    void execute(int command) {
        if ((status & STATUS_BSY) != 0) {
            LOG.debug("{}: command 0x{} written while busy, ignored", name, Integer.toHexString(command));
            return;
        }
        cancel();
        interruptPending = false;
        error = 0;
        TaskFile tf = channel.taskFile();
        switch (command) {
            case AtaCommand.IDENTIFY_DEVICE -> pioIn(IdentifyData.build(sectors, serial, settings()), SECTOR);
            case AtaCommand.READ_SECTORS, AtaCommand.READ_SECTORS_NO_RETRY ->
                    readPio(tf.lba28(currentGeometry), tf.count28(), 1);
            case AtaCommand.READ_SECTORS_EXT -> readPio(tf.lba48(), tf.count48(), 1);
            case AtaCommand.READ_MULTIPLE -> readPio(tf.lba28(currentGeometry), tf.count28(), multipleSetting);
            case AtaCommand.READ_MULTIPLE_EXT -> readPio(tf.lba48(), tf.count48(), multipleSetting);
            case AtaCommand.WRITE_SECTORS, AtaCommand.WRITE_SECTORS_NO_RETRY ->
                    writePio(tf.lba28(currentGeometry), tf.count28(), 1);
            case AtaCommand.WRITE_SECTORS_EXT -> writePio(tf.lba48(), tf.count48(), 1);
            case AtaCommand.WRITE_MULTIPLE -> writePio(tf.lba28(currentGeometry), tf.count28(), multipleSetting);
            case AtaCommand.WRITE_MULTIPLE_EXT -> writePio(tf.lba48(), tf.count48(), multipleSetting);
            case AtaCommand.READ_DMA, AtaCommand.READ_DMA_NO_RETRY -> dma(tf.lba28(currentGeometry), tf.count28(), false);
            case AtaCommand.READ_DMA_EXT -> dma(tf.lba48(), tf.count48(), false);
            case AtaCommand.WRITE_DMA, AtaCommand.WRITE_DMA_NO_RETRY -> dma(tf.lba28(currentGeometry), tf.count28(), true);
            case AtaCommand.WRITE_DMA_EXT -> dma(tf.lba48(), tf.count48(), true);
            case AtaCommand.READ_VERIFY_SECTORS, AtaCommand.READ_VERIFY_SECTORS_NO_RETRY ->
                    verify(tf.lba28(currentGeometry), tf.count28());
            case AtaCommand.READ_VERIFY_SECTORS_EXT -> verify(tf.lba48(), tf.count48());
            case AtaCommand.FLUSH_CACHE, AtaCommand.FLUSH_CACHE_EXT -> flush();
            case AtaCommand.SET_FEATURES -> setFeatures(tf.features, tf.count);
            case AtaCommand.SET_MULTIPLE_MODE -> setMultipleMode(tf.count);
            case AtaCommand.INITIALIZE_DEVICE_PARAMETERS -> initializeDeviceParameters(tf);
            case AtaCommand.CHECK_POWER_MODE -> {
                tf.count = 0xFF; // ATA8-ACS 7.8: FFh = active or idle
                finish();
            }
            case AtaCommand.STANDBY_IMMEDIATE, AtaCommand.IDLE_IMMEDIATE -> finish();
            default -> {
                LOG.debug("{}: unsupported command 0x{} aborted", name, Integer.toHexString(command));
                fail(ERROR_ABRT);
            }
        }
    }

    private IdentifyData.Settings settings() {
        return new IdentifyData.Settings(multipleSetting, writeCache, readLookAhead, transferMode, currentGeometry,
                device1);
    }

    /** True if {@code [lba, lba+count)} lies on the disk; otherwise ends the command with IDNF. */
    private boolean inRange(long lba, int count) {
        if (lba < 0 || lba + count > sectors) {
            LOG.debug("{}: sectors {}+{} outside the disk's {}", name, lba, count, sectors);
            fail(ERROR_IDNF);
            return false;
        }
        return true;
    }

    private void readPio(long lba, int count, int blockSectors) {
        if (blockSectors == 0) {
            fail(ERROR_ABRT); // ATA8-ACS 7.30: READ MULTIPLE before SET MULTIPLE MODE aborts
            return;
        }
        if (!inRange(lba, count)) {
            return;
        }
        byte[] data = buffer(count * SECTOR);
        int bytes = count * SECTOR;
        submit(new Transfer() {
            @Override
            public void perform() throws IOException {
                disk.read(lba * SECTOR, data, 0, bytes);
            }

            @Override
            void done() {
                pioIn(data, blockSectors * SECTOR, bytes);
            }
        }, ERROR_UNC);
    }

    private void writePio(long lba, int count, int blockSectors) {
        if (blockSectors == 0 || disk.readOnly()) {
            fail(ERROR_ABRT);
            return;
        }
        if (!inRange(lba, count)) {
            return;
        }
        startLba = lba;
        length = count * SECTOR;
        blockBytes = blockSectors * SECTOR;
        buffer(length);
        position = 0;
        blockEnd = Math.min(blockBytes, length);
        phase = Phase.PIO_OUT;
        // ATA8-APT 11.8 PIO data-out: the first DRQ block is requested without an interrupt.
        status = READY | STATUS_DRQ;
    }

    private void dma(long lba, int count, boolean toDisk) {
        if (toDisk && disk.readOnly()) {
            fail(ERROR_ABRT);
            return;
        }
        if (!inRange(lba, count)) {
            return;
        }
        startLba = lba;
        length = count * SECTOR;
        buffer(length);
        dmaToDisk = toDisk;
        dmaDataReady = false;
        phase = Phase.DMA;
        status = READY | STATUS_BSY;
        if (toDisk) {
            busMasterStarted();
            return;
        }
        byte[] data = buffer;
        int bytes = length;
        submit(new Transfer() {
            @Override
            public void perform() throws IOException {
                disk.read(lba * SECTOR, data, 0, bytes);
            }

            @Override
            void done() {
                dmaDataReady = true;
                busMasterStarted();
            }
        }, ERROR_UNC);
    }

    /** The bus master may now move data: a DMA command waiting for Start (or for its data) goes on. */
    void busMasterStarted() {
        BusMaster bm = channel.busMaster();
        if (phase != Phase.DMA || !bm.readyToTransfer() || (!dmaToDisk && !dmaDataReady) || (dmaToDisk && dmaDataReady)) {
            return;
        }
        if (!dmaToDisk) {
            BusMaster.Outcome outcome = bm.toMemory(buffer, length);
            if (outcome == BusMaster.Outcome.TABLE_SMALLER) {
                fail(ERROR_ABRT);
            } else {
                finish();
            }
            return;
        }
        if (bm.fromMemory(buffer, length) == BusMaster.Outcome.TABLE_SMALLER) {
            fail(ERROR_ABRT);
            return;
        }
        dmaDataReady = true; // gathered: the write is under way
        submitWrite(startLba, length);
    }

    private void verify(long lba, int count) {
        if (inRange(lba, count)) {
            finish();
        }
    }

    private void flush() {
        submit(new Transfer() {
            @Override
            public void perform() throws IOException {
                disk.flush();
            }

            @Override
            void done() {
                finish();
            }
        }, ERROR_ABRT);
    }

    private void setFeatures(int feature, int count) {
        switch (feature) {
            case AtaCommand.FEATURE_ENABLE_WRITE_CACHE -> writeCache = true;
            case AtaCommand.FEATURE_DISABLE_WRITE_CACHE -> writeCache = false;
            case AtaCommand.FEATURE_ENABLE_READ_LOOK_AHEAD -> readLookAhead = true;
            case AtaCommand.FEATURE_DISABLE_READ_LOOK_AHEAD -> readLookAhead = false;
            case AtaCommand.FEATURE_SET_TRANSFER_MODE -> {
                if (!TransferMode.isSupported(count)) {
                    fail(ERROR_ABRT);
                    return;
                }
                transferMode = count;
            }
            default -> {
                LOG.debug("{}: SET FEATURES 0x{} not supported", name, Integer.toHexString(feature));
                fail(ERROR_ABRT);
                return;
            }
        }
        finish();
    }

    // ATA8-ACS 7.47: a block size the drive does not support aborts; ATA-5's 0 disables multiple mode.
    private void setMultipleMode(int count) {
        if (count > IdentifyData.MAX_MULTIPLE || Integer.bitCount(count) > 1) {
            fail(ERROR_ABRT);
            return;
        }
        multipleSetting = count;
        finish();
    }

    // ATA-5 8.16 INITIALIZE DEVICE PARAMETERS: Count = sectors per track, Device bits 3:0 = heads - 1.
    private void initializeDeviceParameters(TaskFile tf) {
        int sectorsPerTrack = tf.count;
        int heads = (tf.device & 0x0F) + 1;
        if (sectorsPerTrack == 0) {
            fail(ERROR_ABRT);
            return;
        }
        long cylinders = Math.min(DiskGeometry.MAX_CYLINDERS, sectors / ((long) heads * sectorsPerTrack));
        currentGeometry = new DiskGeometry((int) Math.max(1, cylinders), heads, sectorsPerTrack);
        finish();
    }

    // ------------------------------------------------------------------ PIO data

    private void pioIn(byte[] data, int blockSize) {
        pioIn(data, blockSize, data.length);
    }

    // ATA8-APT 11.7 PIO data-in: each DRQ block is announced with an interrupt.
    private void pioIn(byte[] data, int blockSize, int bytes) {
        buffer = data;
        length = bytes;
        blockBytes = blockSize;
        position = 0;
        blockEnd = Math.min(blockBytes, length);
        phase = Phase.PIO_IN;
        status = READY | STATUS_DRQ;
        raiseInterrupt();
    }

    /** The guest reads {@code size} bytes of the Data register (a 32-bit read takes two words). */
    int readData(int size) {
        if (phase != Phase.PIO_IN) {
            return size == 4 ? 0xFFFF_FFFF : 0xFFFF;
        }
        int value = 0;
        int words = size == 4 ? 2 : 1;
        for (int i = 0; i < words && phase == Phase.PIO_IN; i++) {
            int word = (buffer[position] & 0xFF) | (buffer[position + 1] & 0xFF) << 8;
            value |= word << (16 * i);
            position += 2;
            if (position == blockEnd) {
                nextBlockIn();
            }
        }
        return size == 1 ? value & 0xFF : value;
    }

    private void nextBlockIn() {
        if (position == length) {
            phase = Phase.IDLE;
            status = READY;
            return;
        }
        blockEnd = Math.min(position + blockBytes, length);
        raiseInterrupt();
    }

    /** The guest writes {@code size} bytes to the Data register. */
    void writeData(int size, int value) {
        if (phase != Phase.PIO_OUT) {
            return;
        }
        int words = size == 4 ? 2 : 1;
        for (int i = 0; i < words && phase == Phase.PIO_OUT; i++) {
            int word = value >>> (16 * i);
            buffer[position] = (byte) word;
            buffer[position + 1] = (byte) (word >>> 8);
            position += 2;
            if (position == blockEnd) {
                nextBlockOut();
            }
        }
    }

    private void nextBlockOut() {
        if (position == length) {
            submitWrite(startLba, length);
            return;
        }
        blockEnd = Math.min(position + blockBytes, length);
        raiseInterrupt();
    }

    private void submitWrite(long lba, int bytes) {
        byte[] data = buffer;
        boolean durable = !writeCache;
        submit(new Transfer() {
            @Override
            public void perform() throws IOException {
                disk.write(lba * SECTOR, data, 0, bytes);
                if (durable) {
                    disk.flush(); // write cache disabled: completion means on stable storage
                }
            }

            @Override
            void done() {
                finish();
            }
        }, ERROR_ABRT);
    }

    // ------------------------------------------------------------------ completion

    /** An image operation of this command whose failure ends it with {@code failureError}. */
    private abstract class Transfer implements DiskIo.DiskTask {
        private final int issued = generation;
        private int failureError;

        abstract void done();

        @Override
        public final void complete(IOException failure) {
            if (issued != generation) {
                return; // reset since: the command no longer exists
            }
            if (failure != null) {
                ioFailed(failure, failureError);
            } else {
                done();
            }
        }
    }

    private void submit(Transfer transfer, int failureError) {
        transfer.failureError = failureError;
        if (phase != Phase.DMA) {
            phase = Phase.BUSY; // a DMA command stays in its phase until its data has moved
        }
        status = READY | STATUS_BSY;
        channel.io().submit(transfer);
    }

    private void ioFailed(IOException failure, int errorBits) {
        if (!loggedIoFailure) {
            loggedIoFailure = true;
            LOG.warn("{}: disk image I/O failed, the guest's command ends with an error (further failures at debug): {}",
                    name, failure.getMessage());
        } else {
            LOG.debug("{}: disk image I/O failed: {}", name, failure.getMessage());
        }
        fail(errorBits);
    }

    private void finish() {
        phase = Phase.IDLE;
        status = READY;
        raiseInterrupt();
    }

    private void fail(int errorBits) {
        phase = Phase.IDLE;
        error = errorBits;
        status = READY | STATUS_ERR;
        raiseInterrupt();
    }

    private void raiseInterrupt() {
        interruptPending = true;
        channel.deviceInterrupt();
    }

    private byte[] buffer(int bytes) {
        if (buffer.length < bytes) {
            buffer = new byte[bytes];
        }
        return buffer;
    }

    // ------------------------------------------------------------------ resets

    // Forget the command in flight; a new buffer keeps a cancelled write's I/O from seeing new data.
    private void cancel() {
        if (phase != Phase.IDLE) {
            generation++;
            buffer = new byte[0];
        }
        phase = Phase.IDLE;
    }

    /** Device Control SRST set: the drive stops what it does and shows BSY (ATA8-APT 9.2). */
    void beginSoftReset() {
        cancel();
        generation++;
        interruptPending = false;
        status = STATUS_BSY;
    }

    /** SRST cleared, or EXECUTE DEVICE DIAGNOSTIC: ready, diagnostics passed, no interrupt. */
    void endSoftReset() {
        cancel();
        interruptPending = false;
        status = READY;
        error = AtaRegisters.DIAGNOSTIC_PASSED;
    }

    /** Completes EXECUTE DEVICE DIAGNOSTIC with an interrupt (ATA8-ACS 7.10). */
    void diagnosticDone() {
        endSoftReset();
        raiseInterrupt();
    }

    /** Power-on or hardware reset: like SRST, and the settings return to their defaults. */
    void hardReset() {
        beginSoftReset();
        endSoftReset();
        multipleSetting = 0;
        writeCache = true;
        readLookAhead = true;
        transferMode = TransferMode.PIO_FLOW_CONTROL | TransferMode.MAX_PIO;
        currentGeometry = DiskGeometry.forCapacity(sectors);
    }
}
