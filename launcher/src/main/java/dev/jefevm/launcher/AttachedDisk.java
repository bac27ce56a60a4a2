package dev.jefevm.launcher;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.launcher.disk.Sizes;

/**
 * A disk on one of the IDE controller's four slots, with what the user should see of it: the
 * image it came from, its container format and how it was opened (read-write, read-only, or as
 * a snapshot whose writes go to a temporary overlay). The monitor's {@code info devices} lists
 * these lines.
 *
 * @param slot   0 primary master, 1 primary slave, 2 secondary master, 3 secondary slave
 * @param device the open image the drive reads and writes
 * @param image  the image file's path as given, or a short description for a device without one
 * @param format the container format's name ({@code raw}, {@code qcow2})
 * @param mode   how the image was opened
 */
public record AttachedDisk(int slot, BlockDevice device, String image, String format, DiskOpenMode mode) {

    private static final String[] SLOT_NAMES = {"primary master", "primary slave", "secondary master",
            "secondary slave"};

    /** The slot's name as ATA calls the position: channel, then master or slave. */
    public String slotName() {
        return slot >= 0 && slot < SLOT_NAMES.length ? SLOT_NAMES[slot] : "slot " + slot;
    }

    /** One line: slot, image, format, size and access, e.g. {@code ide0 primary master: d.qcow2, qcow2, 1 GiB, snapshot}. */
    public String describe() {
        String access = switch (mode) {
            case READ_WRITE -> "read-write";
            case READ_ONLY -> "read-only";
            case SNAPSHOT -> "snapshot (writes discarded at exit)";
        };
        long size = device.size();
        return "ide" + slot + " " + slotName() + ": " + image + ", " + format + ", " + Sizes.human(size) + " (" + size
                + " bytes), " + access;
    }
}
