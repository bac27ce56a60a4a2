package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuitSequenceTest {

    private final RecordingControls controls = new RecordingControls();
    private final QuitSequence quit = new QuitSequence(controls);

    @Test
    void start_pressesThePowerButtonOnce() {
        quit.start(0);
        quit.start(100);
        quit.poll(QuitSequence.GRACE_NANOS - 1);

        assertEquals(List.of("power"), controls.calls);
    }

    @Test
    void guestIgnoringTheButton_isStoppedAfterTheGracePeriodOnce() {
        quit.start(1_000);
        quit.poll(1_000 + QuitSequence.GRACE_NANOS);
        quit.poll(2_000 + QuitSequence.GRACE_NANOS);

        assertEquals(List.of("power", "stop"), controls.calls);
    }

    @Test
    void pausedGuest_isResumedSoItCanReact() {
        controls.paused = true;

        quit.start(0);

        assertEquals(List.of("resume", "power"), controls.calls);
    }

    @Test
    void poll_withoutStart_doesNothing() {
        quit.poll(Long.MAX_VALUE);

        assertEquals(List.of(), controls.calls);
    }
}
