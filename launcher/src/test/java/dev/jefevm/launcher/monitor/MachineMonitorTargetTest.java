package dev.jefevm.launcher.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.uart.StreamSerialBackend;
import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.launcher.AttachedDisk;
import dev.jefevm.launcher.Machine;
import dev.jefevm.launcher.MachineConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's view of a real {@link Machine}: {@code info devices} with the IDE controller and its disks. */
class MachineMonitorTargetTest {

    @TempDir
    Path dir;

    private static Machine machine() throws Exception {
        byte[] kernel;
        try (InputStream in = MachineMonitorTargetTest.class.getResourceAsStream("/jefeos/kernel.elf")) {
            kernel = in.readAllBytes();
        }
        return Machine.create(new MachineConfig(kernel, "bundled JefeOS", 64L << 20, "", List.of(), true,
                new StreamSerialBackend(null, new ByteArrayOutputStream(), "test", true),
                MachineConfig.DEFAULT_FRAMEBUFFER, BootTimingListener.NONE, () -> 0L, false));
    }

    @Test
    void devices_twoDisksAttached_listsTheIdeControllerThenEachDiskBySlot() throws Exception {
        Path data = dir.resolve("data.qcow2");
        Path scratch = dir.resolve("scratch.img");
        DiskImages.create(data, DiskFormat.QCOW2, 64L << 20);
        DiskImages.create(scratch, DiskFormat.RAW, 8L << 20);

        List<String> devices;
        try (Machine m = machine()) {
            m.attachDisk(new AttachedDisk(2, DiskImages.open(scratch, DiskOpenMode.READ_WRITE), scratch.toString(), "raw",
                    DiskOpenMode.READ_WRITE));
            m.attachDisk(new AttachedDisk(0, DiskImages.open(data, DiskOpenMode.SNAPSHOT), data.toString(), "qcow2",
                    DiskOpenMode.SNAPSHOT));
            devices = new MachineMonitorTarget(m).devices();
        }

        int ide = indexOfStarting(devices, "PIIX3 IDE controller at 00:01.1:");
        assertTrue(ide >= 0, devices.toString());
        assertEquals("PIIX3 IDE controller at 00:01.1: primary ports 0x1f0/0x3f6 irq 14, secondary ports 0x170/0x376 "
                + "irq 15, 2 disk(s)", devices.get(ide));
        assertEquals("  ide0 primary master: " + data + ", qcow2, 64 MiB (67108864 bytes), snapshot (writes discarded at exit)",
                devices.get(ide + 1));
        assertEquals("  ide2 secondary master: " + scratch + ", raw, 8 MiB (8388608 bytes), read-write", devices.get(ide + 2));
        assertEquals(ide + 3, devices.size());
    }

    @Test
    void devices_noDisks_saysTheControllerHasNone() throws Exception {
        List<String> devices;
        try (Machine m = machine()) {
            devices = new MachineMonitorTarget(m).devices();
        }

        assertTrue(devices.getLast().endsWith(", 0 disk(s)"), devices.toString());
    }

    @Test
    void devices_readOnlyDeviceWithoutAFile_saysSo() throws Exception {
        Path image = dir.resolve("ro.img");
        DiskImages.create(image, DiskFormat.RAW, 8L << 20);

        List<String> devices;
        try (Machine m = machine()) {
            m.attachDisk(1, DiskImages.open(image, DiskOpenMode.READ_ONLY));
            devices = new MachineMonitorTarget(m).devices();
        }

        assertEquals("  ide1 primary slave: (block device without a file), unknown, 8 MiB (8388608 bytes), read-only",
                devices.getLast());
    }

    private static int indexOfStarting(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
