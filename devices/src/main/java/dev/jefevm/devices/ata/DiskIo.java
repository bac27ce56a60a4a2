package dev.jefevm.devices.ata;

import java.io.IOException;

/**
 * Where a channel's image I/O runs: {@link DiskTask#perform} does the reading, writing or
 * flushing of the disk image, and {@link DiskTask#complete} then runs on the vCPU thread, the only
 * thread that touches device state. {@link InlineDiskIo} performs at once and completes after a
 * fixed virtual delay (deterministic runs); {@link ThreadedDiskIo} performs on an I/O thread and
 * posts the completion back to the vCPU thread (interactive runs).
 */
public interface DiskIo {

    /** One image operation of a command and what the device does when it is over. */
    interface DiskTask {

        /** The image I/O itself (off the vCPU thread unless the DiskIo is inline). */
        void perform() throws IOException;

        /** Runs on the vCPU thread after {@link #perform}; {@code failure} is null on success. */
        void complete(IOException failure);
    }

    /** Starts {@code task}; at most one task per channel is outstanding. */
    void submit(DiskTask task);

    /** Stops taking tasks and waits for those already submitted to finish their I/O. */
    void close();
}
