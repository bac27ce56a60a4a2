package dev.jefevm.gui;

import dev.jefevm.devices.ps2.KeyCode;
import java.util.ArrayList;
import java.util.List;

/** A {@link VmControls} that writes down each call as a short string ("down A", "move 3 -1"). */
final class RecordingControls implements VmControls {

    final List<String> calls = new ArrayList<>();
    boolean paused;
    long instructions;

    @Override
    public void keyDown(KeyCode key) {
        calls.add("down " + key);
    }

    @Override
    public void keyUp(KeyCode key) {
        calls.add("up " + key);
    }

    @Override
    public void mouseMove(int dx, int dy) {
        calls.add("move " + dx + " " + dy);
    }

    @Override
    public void mouseWheel(int dz) {
        calls.add("wheel " + dz);
    }

    @Override
    public void mouseButtons(int mask) {
        calls.add("buttons " + mask);
    }

    @Override
    public void pause() {
        paused = true;
        calls.add("pause");
    }

    @Override
    public void resume() {
        paused = false;
        calls.add("resume");
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void reset() {
        calls.add("reset");
    }

    @Override
    public void powerButton() {
        calls.add("power");
    }

    @Override
    public void hardStop() {
        calls.add("stop");
    }

    @Override
    public long instructionsRetired() {
        return instructions;
    }
}
