package dev.jefevm.devices.ps2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IBM PS/2 mouse (auxiliary device) per the IBM PS/2 Keyboard and Auxiliary Device Technical
 * Reference, with the Microsoft IntelliMouse wheel extension: stream and remote modes, wrap
 * (echo) mode, sample rate, resolution, 1:1 and 2:1 scaling, status request, read data, and
 * 3-byte movement packets (4-byte, with a wheel byte, once the guest has set the sample rates
 * 200, 100, 80 in a row and the device identifies as 0x03).
 *
 * <p>The host front end calls {@link #move}, {@link #wheel} and {@link #buttons}; each change is
 * reported at once in stream mode (the sample rate does not pace anything), or accumulated until
 * Read Data in remote mode. Movement is in PS/2 counts with y positive upwards.
 */
public final class Ps2Mouse implements Ps2Device {

    private static final Logger LOG = LoggerFactory.getLogger(Ps2Mouse.class);

    static final int ACK = 0xFA, RESEND = 0xFE, SELF_TEST_PASSED = 0xAA;
    static final int ID_STANDARD = 0x00, ID_WHEEL = 0x03;
    private static final int BUFFER_SIZE = 32;
    private static final int NO_COMMAND = -1;
    // packet byte 0 (reference, "Data Report")
    static final int LEFT = 0x01, RIGHT = 0x02, MIDDLE = 0x04, ALWAYS_ONE = 0x08,
            X_SIGN = 0x10, Y_SIGN = 0x20, X_OVERFLOW = 0x40, Y_OVERFLOW = 0x80;
    private static final int[] WHEEL_UNLOCK = {200, 100, 80};

    private final Ps2OutputQueue output = new Ps2OutputQueue(BUFFER_SIZE);

    private int sampleRate;
    private int resolution;
    private boolean scaling2to1;
    private boolean reporting;
    private boolean remoteMode;
    private boolean wrapMode;
    private int deviceId = ID_STANDARD;
    private int buttons;
    private int dx;
    private int dy;
    private int dz;
    private int pendingCommand = NO_COMMAND;
    private int lastSent = ACK;
    /** The last three sample rates set, oldest first, to spot the IntelliMouse unlock sequence. */
    private final int[] recentRates = new int[3];
    private long ignoredCommands;

    public Ps2Mouse() {
        setDefaults();
    }

    @Override
    public Ps2OutputQueue output() {
        return output;
    }

    public int deviceId() {
        return deviceId;
    }

    /** Command bytes answered with Resend because the mouse does not know them. */
    public long ignoredCommands() {
        return ignoredCommands;
    }

    // ---------------------------------------------------------------- host side

    /** Relative movement in counts (y positive = away from the user, i.e. up the screen). */
    public void move(int deltaX, int deltaY) {
        dx = saturatingAdd(dx, deltaX);
        dy = saturatingAdd(dy, deltaY);
        streamReport();
    }

    /** Wheel movement (positive = towards the user); only a wheel mouse (ID 3) reports it. */
    public void wheel(int deltaZ) {
        if (deviceId != ID_WHEEL) {
            return;
        }
        dz = saturatingAdd(dz, deltaZ);
        streamReport();
    }

    /** The buttons held: bit 0 left, bit 1 right, bit 2 middle (the packet's own order). */
    public void buttons(int mask) {
        int next = mask & (LEFT | RIGHT | MIDDLE);
        if (next != buttons) {
            buttons = next;
            streamReport();
        }
    }

    private void streamReport() {
        if (reporting && !remoteMode && !wrapMode && output.room() >= packetSize()) {
            sendPacket(true);
        }
    }

    private int packetSize() {
        return deviceId == ID_WHEEL ? 4 : 3;
    }

    /** Sends the accumulated movement as one packet and clears the counters. */
    private void sendPacket(boolean applyScaling) {
        int x = applyScaling ? scale(dx) : dx;
        int y = applyScaling ? scale(dy) : dy;
        // Data Report: 9-bit two's complement counts; beyond -256..255 the overflow bit is set
        // and the count is sent at its limit
        int status = ALWAYS_ONE | buttons;
        if (x < -256 || x > 255) {
            status |= X_OVERFLOW;
            x = x < 0 ? -256 : 255;
        }
        if (y < -256 || y > 255) {
            status |= Y_OVERFLOW;
            y = y < 0 ? -256 : 255;
        }
        if (x < 0) {
            status |= X_SIGN;
        }
        if (y < 0) {
            status |= Y_SIGN;
        }
        send(status);
        send(x & 0xFF);
        send(y & 0xFF);
        if (deviceId == ID_WHEEL) {
            // IntelliMouse: the fourth byte is the wheel count, -8..7
            send(Math.max(-8, Math.min(7, dz)) & 0xFF);
        }
        dx = 0;
        dy = 0;
        dz = 0;
    }

    /** Reference, "Scaling": 2:1 maps counts 0..5 to 0,1,1,3,6,9 and larger ones to twice. */
    private int scale(int count) {
        if (!scaling2to1) {
            return count;
        }
        int magnitude = Math.abs(count);
        int scaled = switch (magnitude) {
            case 0, 1 -> magnitude;
            case 2 -> 1;
            case 3 -> 3;
            case 4 -> 6;
            case 5 -> 9;
            default -> 2 * magnitude;
        };
        return count < 0 ? -scaled : scaled;
    }

    private static int saturatingAdd(int a, int b) {
        long sum = (long) a + b;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, sum));
    }

    // ---------------------------------------------------------------- host (controller) commands

    @Override
    public void receive(int data) {
        data &= 0xFF;
        if (pendingCommand != NO_COMMAND) {
            int cmd = pendingCommand;
            pendingCommand = NO_COMMAND;
            argument(cmd, data);
            return;
        }
        if (wrapMode && data != 0xEC && data != 0xFF) {
            send(data); // Wrap mode: every byte but Reset Wrap and Reset comes straight back
            return;
        }
        command(data);
    }

    private void command(int cmd) {
        switch (cmd) {
            case 0xFF -> { // Reset: acknowledge, self-test passed, device ID
                output.clear();
                setDefaults();
                deviceId = ID_STANDARD;
                wrapMode = false;
                send(ACK);
                send(SELF_TEST_PASSED);
                send(ID_STANDARD);
            }
            case 0xFE -> output.offer(lastSent);
            case 0xF6 -> { // Set Default
                setDefaults();
                send(ACK);
            }
            case 0xF5 -> { // Disable: stop reporting, clear the counters
                reporting = false;
                clearCounters();
                send(ACK);
            }
            case 0xF4 -> { // Enable (stream mode reporting)
                reporting = true;
                clearCounters();
                send(ACK);
            }
            case 0xF3, 0xE8 -> {
                pendingCommand = cmd;
                send(ACK);
            }
            case 0xF2 -> { // Read Device Type
                send(ACK);
                send(deviceId);
            }
            case 0xF0 -> { // Set Remote Mode
                remoteMode = true;
                clearCounters();
                send(ACK);
            }
            case 0xEE -> { // Set Wrap Mode
                wrapMode = true;
                clearCounters();
                send(ACK);
            }
            case 0xEC -> { // Reset Wrap Mode: back to the mode before
                wrapMode = false;
                clearCounters();
                send(ACK);
            }
            case 0xEB -> { // Read Data: a packet even without movement; no 2:1 scaling in remote reads
                send(ACK);
                sendPacket(false);
            }
            case 0xEA -> { // Set Stream Mode
                remoteMode = false;
                clearCounters();
                send(ACK);
            }
            case 0xE9 -> statusRequest();
            case 0xE7 -> {
                scaling2to1 = true;
                send(ACK);
            }
            case 0xE6 -> {
                scaling2to1 = false;
                send(ACK);
            }
            default -> {
                ignoredCommands++;
                LOG.debug("unknown mouse command {}", Integer.toHexString(cmd));
                send(RESEND);
            }
        }
    }

    private void argument(int cmd, int arg) {
        if (cmd == 0xE8) {
            resolution = arg & 3; // 1, 2, 4, 8 counts per mm
            clearCounters();
            send(ACK);
            return;
        }
        sampleRate = arg; // 0xF3
        recentRates[0] = recentRates[1];
        recentRates[1] = recentRates[2];
        recentRates[2] = arg;
        if (recentRates[0] == WHEEL_UNLOCK[0] && recentRates[1] == WHEEL_UNLOCK[1]
                && recentRates[2] == WHEEL_UNLOCK[2]) {
            deviceId = ID_WHEEL;
        }
        clearCounters();
        send(ACK);
    }

    /** Reference, "Status Request": mode/enable/scaling/buttons, then resolution, then sample rate. */
    private void statusRequest() {
        int status = (remoteMode ? 0x40 : 0) | (reporting ? 0x20 : 0) | (scaling2to1 ? 0x10 : 0)
                | ((buttons & LEFT) != 0 ? 0x04 : 0) | ((buttons & MIDDLE) != 0 ? 0x02 : 0)
                | ((buttons & RIGHT) != 0 ? 0x01 : 0);
        send(ACK);
        send(status);
        send(resolution);
        send(sampleRate);
    }

    private void setDefaults() {
        // Reference, "Set Default": 100 samples/s, 4 counts/mm, 1:1, stream mode, disabled
        sampleRate = 100;
        resolution = 2;
        scaling2to1 = false;
        remoteMode = false;
        reporting = false;
        pendingCommand = NO_COMMAND;
        clearCounters();
    }

    private void clearCounters() {
        dx = 0;
        dy = 0;
        dz = 0;
    }

    private void send(int value) {
        if (output.offer(value)) {
            lastSent = value;
        }
    }

    // ---------------------------------------------------------------- saved state

    public Ps2MouseState saveState() {
        return new Ps2MouseState(sampleRate, resolution, scaling2to1, reporting, remoteMode, wrapMode,
                deviceId, buttons, dx, dy, dz, pendingCommand, lastSent, recentRates, output.snapshot());
    }

    public void restoreState(Ps2MouseState s) {
        sampleRate = s.sampleRate();
        resolution = s.resolution() & 3;
        scaling2to1 = s.scaling2to1();
        reporting = s.reporting();
        remoteMode = s.remoteMode();
        wrapMode = s.wrapMode();
        deviceId = s.deviceId() == ID_WHEEL ? ID_WHEEL : ID_STANDARD;
        buttons = s.buttons() & (LEFT | RIGHT | MIDDLE);
        dx = s.dx();
        dy = s.dy();
        dz = s.dz();
        pendingCommand = s.pendingCommand();
        lastSent = s.lastSent();
        int[] rates = s.recentRates();
        System.arraycopy(rates, 0, recentRates, 0, Math.min(rates.length, recentRates.length));
        output.restore(s.output());
    }
}
