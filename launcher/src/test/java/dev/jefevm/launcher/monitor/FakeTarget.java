package dev.jefevm.launcher.monitor;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.devices.ps2.KeyCode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A machine stand-in that records what the monitor asked of it; posted tasks run at once. */
final class FakeTarget implements MachineTarget {

    final List<String> events = new CopyOnWriteArrayList<>();
    final CpuState cpu = new CpuState();
    BufferedImage screen;
    boolean running = true;
    boolean postsRun = true;

    @Override
    public void post(Runnable task) {
        if (postsRun) {
            task.run();
        }
    }

    @Override
    public void keyDown(KeyCode key) {
        events.add("down " + key);
    }

    @Override
    public void keyUp(KeyCode key) {
        events.add("up " + key);
    }

    @Override
    public void mouseMove(int dx, int dy, int dz) {
        events.add("move " + dx + " " + dy + " " + dz);
    }

    @Override
    public void mouseButtons(int mask) {
        events.add("buttons " + mask);
    }

    @Override
    public BufferedImage screenshot() {
        return screen;
    }

    @Override
    public List<CpuState> cpus() {
        return List.of(cpu);
    }

    @Override
    public List<String> devices() {
        return new ArrayList<>(List.of("uart16550 COM1 ports 0x3f8-0x3ff irq 4", "i8042 ports 0x60,0x64 irq 1,12"));
    }

    @Override
    public void stop() {
        running = false;
        events.add("stop");
    }

    @Override
    public void cont() {
        running = true;
        events.add("cont");
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void systemReset() {
        events.add("reset");
    }

    @Override
    public void systemPowerdown() {
        events.add("powerdown");
    }

    @Override
    public void quit() {
        events.add("quit");
    }
}
