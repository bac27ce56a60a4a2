package dev.jefevm.devices.power;

import dev.jefevm.core.platform.Platform.StopReason;
import java.util.ArrayList;
import java.util.List;

/** Records stop requests for assertions. */
final class StopRecorder implements MachineControl {

    final List<StopReason> reasons = new ArrayList<>();
    String lastDetail;

    @Override
    public void requestStop(StopReason reason, String detail) {
        reasons.add(reason);
        lastDetail = detail;
    }
}
