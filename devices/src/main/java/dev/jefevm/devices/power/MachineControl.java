package dev.jefevm.devices.power;

import dev.jefevm.core.platform.Platform.StopReason;

/**
 * What a power or reset device may ask of the machine: to stop running guest code for a
 * reason. The board passes its own stop request; tests pass a recorder.
 */
@FunctionalInterface
public interface MachineControl {

    void requestStop(StopReason reason, String detail);
}
