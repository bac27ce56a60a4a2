package dev.jefevm.launcher.monitor;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.board.PcBoard;
import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.devices.ps2.KeyCode;
import dev.jefevm.launcher.AttachedDisk;
import dev.jefevm.launcher.Machine;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects the monitor to a launcher {@link Machine}. Tasks reach the vCPU thread through
 * {@link Machine#post}. {@link #stop()} pauses the guest by parking the vCPU thread inside a
 * posted task that keeps running monitor tasks until {@link #cont()} (or quit) releases it, so
 * the run loop needs no pause state of its own; virtual time in real-time mode still advances
 * while paused, as QEMU's does not, which timers then see as one late tick.
 */
public final class MachineMonitorTarget implements MachineTarget {

    private static final long STOP_POLL_MILLIS = 50;

    private final Machine machine;
    private final Object lock = new Object();
    private final ArrayDeque<Runnable> pausedTasks = new ArrayDeque<>();
    private boolean paused;

    /** A target driving {@code machine}. */
    public MachineMonitorTarget(Machine machine) {
        this.machine = machine;
    }

    @Override
    public void post(Runnable task) {
        synchronized (lock) {
            if (paused) {
                pausedTasks.addLast(task);
                lock.notifyAll();
                return;
            }
        }
        machine.post(task);
    }

    @Override
    public void keyDown(KeyCode key) {
        machine.keyboard().queueKeyDown(key);
    }

    @Override
    public void keyUp(KeyCode key) {
        machine.keyboard().queueKeyUp(key);
    }

    @Override
    public void mouseMove(int dx, int dy, int dz) {
        // PS/2 counts y upwards (mouse packet byte 3); the monitor's dy points down like the screen
        machine.mouse().move(dx, -dy);
        if (dz != 0) {
            machine.mouse().wheel(dz);
        }
    }

    @Override
    public void mouseButtons(int mask) {
        machine.mouse().buttons(mask);
    }

    @Override
    public BufferedImage screenshot() {
        Framebuffer fb = machine.framebuffer();
        if (fb == null) {
            return null;
        }
        FramebufferGeometry g = fb.geometry();
        BufferedImage image = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[g.width()];
        for (int y = 0; y < g.height(); y++) {
            fb.copyRow(y, row);
            image.setRGB(0, y, g.width(), 1, row, 0, g.width());
        }
        return image;
    }

    @Override
    public List<CpuState> cpus() {
        return List.of(machine.cpu().state);
    }

    @Override
    public List<String> devices() {
        List<String> devices = new ArrayList<>(List.of(
                String.format("i8259 PIC pair: ports 0x%02x, 0x%02x, ELCR 0x%x", PcBoard.PIC_MASTER_BASE,
                        PcBoard.PIC_SLAVE_BASE, PcBoard.ELCR_BASE),
                String.format("i8254 PIT: irq %d (GSI %d)", PcBoard.PIT_IRQ, PcBoard.PIT_GSI),
                String.format("i8042 PS/2 keyboard and mouse: irq %d, %d", PcBoard.KEYBOARD_IRQ, PcBoard.MOUSE_IRQ),
                String.format("mc146818 RTC/CMOS: irq %d", PcBoard.RTC_IRQ),
                String.format("16550 UART COM1: ports 0x%x-0x%x, irq %d", PcBoard.COM1_BASE,
                        PcBoard.COM1_BASE + PcBoard.COM1_PORTS - 1, PcBoard.COM1_IRQ),
                String.format("local APIC: id %d", PcBoard.LOCAL_APIC_ID),
                String.format("I/O APIC: id %d at 0x%x", PcBoard.IO_APIC_ID, PcBoard.IO_APIC_BASE),
                String.format("HPET at 0x%x", PcBoard.HPET_BASE),
                String.format("ACPI PM: PM1a_EVT 0x%x, PM1a_CNT 0x%x, SCI irq %d", PcBoard.PM1A_EVT_BLK,
                        PcBoard.PM1A_CNT_BLK, PcBoard.SCI_IRQ),
                String.format("reset control: port 0x%x", PcBoard.RESET_CONTROL_PORT),
                String.format("framebuffer at 0x%x", PcBoard.FRAMEBUFFER_BASE),
                String.format("PIIX3 IDE controller at 00:01.1: primary ports 0x%x/0x%x irq %d, secondary ports "
                        + "0x%x/0x%x irq %d, %d disk(s)", PcBoard.IDE_PRIMARY_COMMAND, PcBoard.IDE_PRIMARY_CONTROL,
                        PcBoard.IDE_PRIMARY_IRQ, PcBoard.IDE_SECONDARY_COMMAND, PcBoard.IDE_SECONDARY_CONTROL,
                        PcBoard.IDE_SECONDARY_IRQ, machine.disks().size())));
        for (AttachedDisk disk : machine.disks()) {
            devices.add("  " + disk.describe());
        }
        return devices;
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (paused) {
                return;
            }
            paused = true;
        }
        // The pause loop runs as the machine's next task, after this one has answered
        machine.post(this::pauseLoop);
    }

    private void pauseLoop() {
        while (true) {
            Runnable task;
            synchronized (lock) {
                task = pausedTasks.pollFirst();
                if (task == null) {
                    // A stop request (Ctrl-A x, a signal, quit) also ends the pause
                    if (!paused || machine.board().stopReason() != null) {
                        paused = false;
                        return;
                    }
                    try {
                        lock.wait(STOP_POLL_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        paused = false;
                        return;
                    }
                    continue;
                }
            }
            task.run();
        }
    }

    @Override
    public void cont() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    @Override
    public boolean running() {
        synchronized (lock) {
            return !paused;
        }
    }

    @Override
    public void systemReset() {
        machine.board().requestStop(StopReason.RESET, "monitor system_reset");
    }

    @Override
    public void systemPowerdown() {
        machine.board().pressPowerButton();
    }

    @Override
    public void quit() {
        cont();
        machine.requestHostStop("monitor quit");
    }
}
