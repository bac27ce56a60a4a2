package dev.jefevm.launcher;

import dev.jefevm.devices.ps2.KeyCode;
import dev.jefevm.gui.VmControls;
import dev.jefevm.launcher.monitor.MachineMonitorTarget;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The desktop window's view of a launcher {@link Machine}. Every request becomes a task posted
 * through the same {@link MachineMonitorTarget} the control channel uses, so input and commands
 * reach the devices on the vCPU thread, also while paused, and the window and the monitor agree
 * on whether the guest is paused.
 */
final class MachineVmControls implements VmControls {

    private final Machine machine;
    private final MachineMonitorTarget target;
    private final AtomicLong retired = new AtomicLong();

    MachineVmControls(Machine machine, MachineMonitorTarget target) {
        this.machine = machine;
        this.target = target;
    }

    @Override
    public void keyDown(KeyCode key) {
        target.post(() -> target.keyDown(key));
    }

    @Override
    public void keyUp(KeyCode key) {
        target.post(() -> target.keyUp(key));
    }

    @Override
    public void mouseMove(int dx, int dy) {
        target.post(() -> target.mouseMove(dx, dy, 0));
    }

    @Override
    public void mouseWheel(int dz) {
        target.post(() -> target.mouseMove(0, 0, dz));
    }

    @Override
    public void mouseButtons(int mask) {
        target.post(() -> target.mouseButtons(mask));
    }

    @Override
    public void pause() {
        target.stop();
    }

    @Override
    public void resume() {
        target.cont();
    }

    @Override
    public boolean isPaused() {
        return !target.running();
    }

    @Override
    public void reset() {
        target.post(target::systemReset);
    }

    @Override
    public void powerButton() {
        target.post(target::systemPowerdown);
    }

    @Override
    public void hardStop() {
        target.cont();
        machine.requestHostStop("quit from the window");
    }

    @Override
    public long instructionsRetired() {
        // read on the vCPU thread, which owns the counter; the window sees the value one call later
        target.post(() -> retired.set(machine.clock().retiredInstructions()));
        return retired.get();
    }
}
