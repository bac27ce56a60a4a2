package dev.jefevm.devices.ps2;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.core.clock.VirtualClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IBM PS/2 (MF2) keyboard as described by the IBM PS/2 Keyboard and Auxiliary Device
 * Technical Reference: the host commands (reset, identify, echo, indicators, scan code set,
 * typematic rate/delay, enable/disable, defaults, resend), a 16-byte output buffer that ends in
 * the overrun code when it fills, and typematic repeat of the last key held, timed by the
 * virtual clock. A key pressed with {@link #keyDown}/{@link #keyUp} goes straight into the
 * device buffer (overrunning it as a real keyboard would); the host front end's key events go
 * through {@link #queueKeyDown}/{@link #queueKeyUp} instead, a host-side queue that feeds the
 * device buffer as the guest drains it, so a long typed string arrives whole.
 *
 * <p>Scope, honestly: scan code sets 1 and 2 produce their own codes; set 3 is accepted and
 * reported but sends set-2 codes, and the set-3-only key-type commands (0xF7..0xFD) are
 * acknowledged without effect. Self-test always passes.
 */
public final class Ps2Keyboard implements Ps2Device {

    private static final Logger LOG = LoggerFactory.getLogger(Ps2Keyboard.class);

    static final int ACK = 0xFA, RESEND = 0xFE, SELF_TEST_PASSED = 0xAA, ECHO = 0xEE;
    private static final int BUFFER_SIZE = 16;
    /** Typematic default: 10.9 characters per second after 500 ms (keyboard reference, 0xF6). */
    static final int DEFAULT_TYPEMATIC = 0x2B;
    private static final long MS = 1_000_000L;
    /** The typematic period unit, 4.17 ms (period = (8 + A) * 2^B * 4.17 ms). */
    private static final long PERIOD_UNIT_NANOS = 4_170_000L;
    private static final int NO_COMMAND = -1;
    /** Host key events held back while the device buffer is full; beyond this they overrun too. */
    static final int HOST_QUEUE_SIZE = 4096;
    private static final KeyCode[] KEYS = KeyCode.values();

    private final Ps2OutputQueue output = new Ps2OutputQueue(BUFFER_SIZE);
    private final KeyboardLeds leds;
    private final VirtualClock clock;
    private final ClockTimer typematicTimer;

    private int scancodeSet = 2;
    private int typematic = DEFAULT_TYPEMATIC;
    private boolean scanning = true;
    private int pendingCommand = NO_COMMAND;
    private int lastSent = ACK;
    private KeyCode repeatingKey;
    private long ignoredCommands;
    /** Host key events not yet in the device buffer, oldest first: key ordinal << 1 | 1 for a release. */
    private final int[] hostQueue = new int[HOST_QUEUE_SIZE];
    private int hostHead;
    private int hostCount;

    public Ps2Keyboard(VirtualClock clock, KeyboardLeds leds) {
        this.clock = clock;
        this.leds = leds;
        this.typematicTimer = clock.newTimer("ps2-keyboard-typematic", this::repeat);
        output.setRefill(this::feedHostQueue);
    }

    @Override
    public Ps2OutputQueue output() {
        return output;
    }

    public int scancodeSet() {
        return scancodeSet;
    }

    public boolean isScanning() {
        return scanning;
    }

    /** Command bytes answered with Resend because the keyboard does not know them. */
    public long ignoredCommands() {
        return ignoredCommands;
    }

    // ---------------------------------------------------------------- host side

    /** A key goes down (or repeats, if the host's own auto-repeat calls this again). */
    public void keyDown(KeyCode key) {
        if (!scanning) {
            return;
        }
        sendKey(key.makeCode(scancodeSet));
        if (key.repeats()) {
            repeatingKey = key;
            typematicTimer.arm(clock.nanos() + typematicDelayNanos());
        }
    }

    /** A key goes up; typematic repeat stops if it was the key repeating. */
    public void keyUp(KeyCode key) {
        if (key == repeatingKey) {
            stopRepeat();
        }
        if (!scanning) {
            return;
        }
        sendKey(key.breakCode(scancodeSet));
    }

    /** A host key press that waits, in order, until the device buffer has room for it. */
    public void queueKeyDown(KeyCode key) {
        queueHostEvent(key.ordinal() << 1);
    }

    /** A host key release that waits, in order, until the device buffer has room for it. */
    public void queueKeyUp(KeyCode key) {
        queueHostEvent(key.ordinal() << 1 | 1);
    }

    /** Host key events still waiting for room in the device buffer. */
    public int queuedKeyEvents() {
        return hostCount;
    }

    private void queueHostEvent(int event) {
        if (hostCount == hostQueue.length) {
            // the host queue is full as well: the key is lost the way the device loses one
            overrun();
            return;
        }
        hostQueue[(hostHead + hostCount) % hostQueue.length] = event;
        hostCount++;
        feedHostQueue();
    }

    /**
     * Moves queued host key events into the device buffer while their codes fit whole; with
     * scanning off they are consumed and dropped, as keys pressed then are.
     */
    private void feedHostQueue() {
        while (hostCount > 0) {
            int event = hostQueue[hostHead];
            KeyCode key = KEYS[event >>> 1];
            boolean release = (event & 1) != 0;
            if (scanning) {
                byte[] code = release ? key.breakCode(scancodeSet) : key.makeCode(scancodeSet);
                if (output.room() < code.length) {
                    return;
                }
            }
            hostHead = (hostHead + 1) % hostQueue.length;
            hostCount--;
            if (release) {
                keyUp(key);
            } else {
                keyDown(key);
            }
        }
    }

    private void clearHostQueue() {
        hostHead = 0;
        hostCount = 0;
    }

    private void repeat() {
        if (repeatingKey == null || !scanning) {
            return;
        }
        sendKey(repeatingKey.makeCode(scancodeSet));
        // the period is at least 33 ms, so the re-arm always lies in the future
        typematicTimer.arm(clock.nanos() + typematicPeriodNanos());
    }

    private void stopRepeat() {
        repeatingKey = null;
        typematicTimer.cancel();
    }

    /** Keyboard reference, 0xF3: bits 6-5 select a delay of 250, 500, 750 or 1000 ms. */
    long typematicDelayNanos() {
        return (((typematic >> 5) & 3) + 1) * 250 * MS;
    }

    /** Keyboard reference, 0xF3: period = (8 + bits 2-0) * 2^(bits 4-3) * 4.17 ms. */
    long typematicPeriodNanos() {
        return (8 + (typematic & 7)) * (1L << ((typematic >> 3) & 3)) * PERIOD_UNIT_NANOS;
    }

    /** A scan code sequence goes out whole; if it does not fit, the buffer ends in the overrun code. */
    private void sendKey(byte[] code) {
        if (output.room() < code.length) {
            overrun();
            return;
        }
        for (byte b : code) {
            send(b & 0xFF);
        }
    }

    private void overrun() {
        // Keyboard reference, "Keyboard Buffer": the overrun code (0x00 in sets 2 and 3, 0xFF in
        // set 1) replaces the last byte in the buffer when it is full
        int code = scancodeSet == 1 ? 0xFF : 0x00;
        if (output.room() > 0) {
            send(code);
        } else {
            output.replaceLast(code);
        }
    }

    // ---------------------------------------------------------------- host (controller) commands

    @Override
    public void receive(int data) {
        data &= 0xFF;
        if (pendingCommand != NO_COMMAND && data < 0x80) {
            argument(pendingCommand, data);
            return;
        }
        pendingCommand = NO_COMMAND;
        command(data);
    }

    private void command(int cmd) {
        switch (cmd) {
            case 0xFF -> { // Reset: acknowledge, then the basic assurance test result
                setDefaults();
                scanning = true;
                output.clear();
                send(ACK);
                send(SELF_TEST_PASSED);
            }
            case 0xFE -> output.offer(lastSent); // Resend the last byte sent (not itself remembered)
            case 0xF6 -> { // Set Default: defaults, clear the buffer, keep scanning
                setDefaults();
                output.clear();
                send(ACK);
            }
            case 0xF5 -> { // Default Disable: defaults, clear the buffer, stop scanning
                setDefaults();
                output.clear();
                scanning = false;
                send(ACK);
            }
            case 0xF4 -> { // Enable: clear the buffer, start scanning
                output.clear();
                scanning = true;
                send(ACK);
            }
            case 0xF7, 0xF8, 0xF9, 0xFA -> send(ACK); // set-3 key types: accepted, no effect here
            case 0xF3, 0xF0, 0xED -> {
                stopRepeat();
                pendingCommand = cmd;
                send(ACK);
            }
            case 0xF2 -> { // Read ID: an MF2 keyboard answers AB 83
                send(ACK);
                send(0xAB);
                send(0x83);
            }
            case 0xEE -> send(ECHO);
            default -> {
                ignoredCommands++;
                LOG.debug("unknown keyboard command {}", Integer.toHexString(cmd));
                send(RESEND);
            }
        }
    }

    private void argument(int cmd, int arg) {
        pendingCommand = NO_COMMAND;
        switch (cmd) {
            case 0xED -> {
                send(ACK);
                leds.changed((arg & 1) != 0, (arg & 2) != 0, (arg & 4) != 0);
            }
            case 0xF3 -> {
                typematic = arg;
                send(ACK);
            }
            default -> scancodeSetArgument(arg); // 0xF0
        }
    }

    private void scancodeSetArgument(int arg) {
        if (arg == 0) { // query: acknowledge, then the set in use
            send(ACK);
            send(scancodeSet);
        } else if (arg <= 3) {
            output.clear();
            scancodeSet = arg;
            send(ACK);
        } else {
            ignoredCommands++;
            send(RESEND);
        }
    }

    private void setDefaults() {
        stopRepeat();
        scancodeSet = 2;
        typematic = DEFAULT_TYPEMATIC;
        pendingCommand = NO_COMMAND;
    }

    private void send(int value) {
        if (output.offer(value)) {
            lastSent = value;
        }
    }

    // ---------------------------------------------------------------- saved state

    public Ps2KeyboardState saveState() {
        boolean repeating = repeatingKey != null && typematicTimer.isArmed();
        return new Ps2KeyboardState(scancodeSet, typematic, scanning, pendingCommand, lastSent,
                repeating ? repeatingKey : null, repeating ? typematicTimer.deadline() : 0, output.snapshot());
    }

    public void restoreState(Ps2KeyboardState s) {
        scancodeSet = s.scancodeSet();
        typematic = s.typematic() & 0x7F;
        scanning = s.scanning();
        pendingCommand = s.pendingCommand();
        lastSent = s.lastSent();
        output.restore(s.output());
        clearHostQueue();
        stopRepeat();
        if (s.repeatingKey() != null) {
            repeatingKey = s.repeatingKey();
            typematicTimer.arm(s.repeatDeadlineNanos());
        }
    }
}
