package dev.jefevm.devices.pit;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.devices.irq.IrqLine;

/**
 * One counter of the Intel 8254 (datasheet order 231164, "Modes" and "Read operations"): the
 * count register (CR) the guest writes, the counting element (CE) computed from CLK ticks rather
 * than stepped, the output latch, the count and status latches, and the GATE input.
 *
 * <p>The CE is kept as "value {@code refValue} at tick {@code refTick}, counting down from there"
 * so no work happens per tick. When the channel has a listener on OUT, a {@link ClockTimer} is
 * armed for the next output edge only. Every method takes the current CLK tick {@code t} from its
 * {@link Pit8254}. Modes 6 and 7 are modes 2 and 3 (datasheet: "X" don't-care bit M2).
 *
 * <p>Scope: a count written in mode 3 during counting takes effect at the end of the current
 * period (the datasheet says half-period); the CE value read between a count write and the next
 * CLK pulse already shows the new count.
 */
final class PitChannel {

    private static final long NEVER = Long.MAX_VALUE;
    // Control word RW field (datasheet "Control word format")
    private static final int ACCESS_LSB = 1, ACCESS_MSB = 2, ACCESS_LSB_MSB = 3;

    private final IrqLine outLine;
    private final ClockTimer timer;

    // programming, as the last control word set it
    private int controlBits;
    private int mode;
    private int access;
    private boolean bcd;
    private int countRegister;
    private int pendingLsb;
    private boolean msbWriteNext;
    private boolean countWritten;

    // counting element
    private boolean running;
    private long refTick;
    private int refValue;
    private int frozen;
    /** Mode 0: OUT went high while the count was paused. */
    private boolean terminalReached;
    /** Modes 1, 4, 5: a one-shot or strobe is in progress (mode 1: triggered). */
    private boolean oneShotArmed;
    /** Mode 1: the tick OUT went low for the current one-shot (before {@code refTick} after a retrigger). */
    private long lowFrom;
    private boolean gate;
    /** The tick at which CR reaches CE; NULL COUNT reads 1 before it (datasheet "Read-back command"). */
    private long loadTick = NEVER;
    private boolean reloadPending;
    private long reloadTick;
    private int reloadValue;

    // read side
    private boolean countLatched;
    private int latchedCount;
    private boolean msbReadNext;
    private boolean statusLatched;
    private int latchedStatus;
    private boolean lastOutput;
    private long armedEdge = NEVER;

    /** A counter driving {@code outLine}; {@code timer} (may be null when nobody listens) wakes it at OUT edges. */
    PitChannel(IrqLine outLine, ClockTimer timer, boolean gate) {
        this.outLine = outLine;
        this.timer = timer;
        this.gate = gate;
        this.access = ACCESS_LSB_MSB;
        this.controlBits = ACCESS_LSB_MSB << 4; // power-on: as if programmed mode 0, no count yet
    }

    /** Back to power-on state: mode 0, LSB-then-MSB, no count, OUT low. */
    void reset(boolean gateLevel, long t) {
        gate = gateLevel;
        frozen = 0;
        writeControl(ACCESS_LSB_MSB << 4, t);
    }

    // ---------------------------------------------------------------- programming

    /** A control word for this counter with a non-zero RW field: all control logic is reset. */
    void writeControl(int controlWord, long t) {
        frozen = value(t);
        controlBits = controlWord & 0x3F;
        access = (controlWord >>> 4) & 3;
        int m = (controlWord >>> 1) & 7;
        mode = m > 5 ? m - 4 : m;
        bcd = (controlWord & 1) != 0;
        msbWriteNext = false;
        msbReadNext = false;
        countLatched = false;
        statusLatched = false;
        countWritten = false;
        running = false;
        terminalReached = false;
        oneShotArmed = false;
        reloadPending = false;
        loadTick = NEVER;
        refresh(t);
    }

    /** A byte written to the counter's port: part or all of a new count, per the RW field. */
    void writeCount(int value, long t) {
        value &= 0xFF;
        switch (access) {
            case ACCESS_LSB -> commitCount(value, t);
            case ACCESS_MSB -> commitCount(value << 8, t);
            default -> {
                if (!msbWriteNext) {
                    pendingLsb = value;
                    msbWriteNext = true;
                    if (mode == 0) {
                        // Mode 0: writing the first byte stops counting and sets OUT low at once
                        pause(t);
                        terminalReached = false;
                        refresh(t);
                    }
                } else {
                    msbWriteNext = false;
                    commitCount(pendingLsb | value << 8, t);
                }
            }
        }
    }

    private void commitCount(int cr, long t) {
        countRegister = cr;
        countWritten = true;
        int n = initialCount();
        switch (mode) {
            case 0, 4 -> {
                // Loaded into CE on the next CLK pulse; counts only while GATE is high
                refTick = t + 1;
                refValue = n;
                loadTick = t + 1;
                terminalReached = false;
                oneShotArmed = mode == 4;
                running = gate;
                frozen = wrap(n);
            }
            case 1, 5 -> loadTick = NEVER; // loaded by the next GATE trigger
            default -> writePeriodicCount(n, t);
        }
        refresh(t);
    }

    /** Modes 2 and 3: a new count waits for the end of the current period, unless none is running. */
    private void writePeriodicCount(int n, long t) {
        if (!running) {
            if (gate) {
                startPeriodic(n, t);
            } else {
                loadTick = NEVER;
            }
            return;
        }
        long elapsed = t - refTick;
        if (elapsed < 0) {
            refValue = n; // not loaded yet: the load on the next CLK picks up the new count
            return;
        }
        reloadPending = true;
        reloadTick = refTick + (elapsed / refValue + 1) * refValue;
        reloadValue = n;
        loadTick = reloadTick;
    }

    private void startPeriodic(int n, long t) {
        running = true;
        refTick = t + 1;
        refValue = n;
        loadTick = t + 1;
        reloadPending = false;
    }

    /** The GATE input; only channel 2's is not tied high on the PC. */
    void setGate(boolean level, long t) {
        boolean rising = level && !gate;
        boolean falling = !level && gate;
        gate = level;
        catchUp(t);
        switch (mode) {
            case 0, 4 -> {
                if (falling) {
                    pause(t);
                } else if (rising && countWritten && !running) {
                    // Counting resumes from the held value on the next CLK pulse, or starts at the load
                    refTick = Math.max(t, loadTick);
                    refValue = frozen == 0 ? modulus() : frozen;
                    running = true;
                }
            }
            case 1, 5 -> {
                if (rising && countWritten) {
                    // Trigger: CR is loaded on the next CLK pulse (retriggerable); in mode 1 an
                    // OUT already low stays low until the reloaded count expires
                    if (mode == 5 || output(t)) {
                        lowFrom = t + 1;
                    }
                    refTick = t + 1;
                    refValue = initialCount();
                    loadTick = Math.min(loadTick, t + 1);
                    running = true;
                    oneShotArmed = true;
                }
            }
            default -> {
                if (falling && running) {
                    // Modes 2 and 3: GATE low stops counting and forces OUT high
                    frozen = value(t);
                    running = false;
                    reloadPending = false;
                } else if (rising && countWritten) {
                    startPeriodic(initialCount(), t);
                }
            }
        }
        refresh(t);
    }

    /** Modes 0 and 4 (and a mode 0 count rewrite): CE holds its value, OUT as it was. */
    private void pause(long t) {
        if (!running) {
            return;
        }
        frozen = value(t);
        if (mode == 0) {
            terminalReached = output(t);
        } else if (mode == 4) {
            oneShotArmed = oneShotArmed && t - refTick < refValue;
        }
        running = false;
    }

    // ---------------------------------------------------------------- reading

    /** Counter latch command: the CE value is held until read (a second latch is ignored). */
    void latchCount(long t) {
        if (!countLatched) {
            latchedCount = display(value(t));
            countLatched = true;
        }
    }

    /** Read-back status: OUT, NULL COUNT and the programmed RW, mode and BCD bits. */
    void latchStatus(long t) {
        if (!statusLatched) {
            latchedStatus = (output(t) ? 0x80 : 0) | (nullCount(t) ? 0x40 : 0) | controlBits;
            statusLatched = true;
        }
    }

    /** A byte read from the counter's port: latched status first, then latched or live count bytes. */
    int readCount(long t) {
        if (statusLatched) {
            statusLatched = false;
            return latchedStatus;
        }
        int v = countLatched ? latchedCount : display(value(t));
        switch (access) {
            case ACCESS_LSB -> {
                countLatched = false;
                return v & 0xFF;
            }
            case ACCESS_MSB -> {
                countLatched = false;
                return (v >>> 8) & 0xFF;
            }
            default -> {
                if (!msbReadNext) {
                    msbReadNext = true;
                    return v & 0xFF;
                }
                msbReadNext = false;
                countLatched = false;
                return (v >>> 8) & 0xFF;
            }
        }
    }

    boolean nullCount(long t) {
        return t < loadTick;
    }

    boolean gate() {
        return gate;
    }

    // ---------------------------------------------------------------- the counting element

    private void catchUp(long t) {
        if (reloadPending && t >= reloadTick) {
            refTick = reloadTick;
            refValue = reloadValue;
            reloadPending = false;
        }
    }

    /** The CE value (binary, 0 to modulus - 1) at tick {@code t}. */
    int value(long t) {
        catchUp(t);
        if (!running) {
            return frozen;
        }
        long elapsed = t - refTick;
        if (elapsed < 0) {
            return wrap(refValue);
        }
        return switch (mode) {
            case 2 -> wrap(refValue - elapsed % refValue); // N, N-1, ..., 1, reload
            case 3 -> squareWaveValue(elapsed % refValue);
            default -> wrap(refValue - elapsed);
        };
    }

    /**
     * Mode 3 counts by two (82C54 datasheet "Mode 3"): even N shows N, N-2, ..., 2 in each half;
     * odd N shows N, N-1, N-3, ..., 2 while OUT is high and N, N-3, ..., 2 while it is low.
     */
    private int squareWaveValue(long k) {
        int n = refValue;
        int high = (n + 1) / 2;
        long inHalf = k < high ? k : k - high;
        if ((n & 1) == 0 || inHalf == 0) {
            return wrap(n - 2 * inHalf);
        }
        return wrap(k < high ? n + 1 - 2 * inHalf : n - 1 - 2 * inHalf);
    }

    /** The OUT pin at tick {@code t}. */
    boolean output(long t) {
        catchUp(t);
        long elapsed = t - refTick;
        return switch (mode) {
            case 0 -> terminalReached || (running && elapsed >= refValue);
            case 1 -> !(oneShotArmed && t >= lowFrom && elapsed < refValue);
            case 4, 5 -> !(running && oneShotArmed && elapsed == refValue);
            case 2 -> !running || elapsed < 0 || elapsed % refValue != refValue - 1;
            default -> !running || elapsed < 0 || elapsed % refValue < (refValue + 1) / 2;
        };
    }

    /** The first tick after {@code t} at which OUT changes, or {@link #NEVER}. */
    private long nextEdge(long t) {
        if (!running) {
            return NEVER;
        }
        long elapsed = t - refTick;
        int n = refValue;
        switch (mode) {
            case 0 -> {
                long edge = refTick + n;
                return terminalReached || edge <= t ? NEVER : edge;
            }
            case 1 -> {
                if (!oneShotArmed) {
                    return NEVER;
                }
                return t < lowFrom ? lowFrom : t < refTick + n ? refTick + n : NEVER;
            }
            case 4, 5 -> {
                long strobe = refTick + n;
                if (!oneShotArmed) {
                    return NEVER;
                }
                return t < strobe ? strobe : t < strobe + 1 ? strobe + 1 : NEVER;
            }
            case 2 -> {
                if (n < 2) {
                    return NEVER; // N = 1: OUT stays low, no edges
                }
                if (elapsed < 0) {
                    return refTick + n - 1;
                }
                long k = elapsed % n;
                return k < n - 1 ? t + (n - 1 - k) : t + 1;
            }
            default -> {
                if (n < 2) {
                    return NEVER; // N = 1: no low half
                }
                int high = (n + 1) / 2;
                if (elapsed < 0) {
                    return refTick + high;
                }
                long k = elapsed % n;
                return k < high ? t + (high - k) : t + (n - k);
            }
        }
    }

    /**
     * The edge timer fired at tick {@code t}. If it ran late, past a one-tick pulse, OUT is first
     * driven to its level at the armed edge so the interrupt controller still sees the pulse.
     */
    void onEdgeTimer(long t) {
        if (armedEdge < t) {
            drive(output(armedEdge));
        }
        refresh(t);
    }

    /** Drives OUT to its level at {@code t} and arms the timer for the next edge. */
    void refresh(long t) {
        catchUp(t);
        drive(output(t));
        if (timer != null) {
            armedEdge = nextEdge(t);
            if (armedEdge == NEVER) {
                timer.cancel();
            } else {
                timer.arm(PitClock.nanosAt(armedEdge));
            }
        }
    }

    private void drive(boolean out) {
        if (out != lastOutput) {
            lastOutput = out;
            outLine.set(out);
        }
    }

    // ---------------------------------------------------------------- number formats

    private int modulus() {
        return bcd ? 10_000 : 65_536;
    }

    /** CR as a count: BCD decoded when programmed so; 0 stands for the modulus (2^16 or 10^4). */
    private int initialCount() {
        int n = bcd ? fromBcd(countRegister) : countRegister;
        n %= modulus();
        return n == 0 ? modulus() : n;
    }

    private int wrap(long v) {
        int m = modulus();
        return (int) (((v % m) + m) % m);
    }

    private int display(int v) {
        return bcd ? toBcd(v) : v;
    }

    private static int fromBcd(int v) {
        return (v >>> 12 & 0xF) * 1000 + (v >>> 8 & 0xF) * 100 + (v >>> 4 & 0xF) * 10 + (v & 0xF);
    }

    private static int toBcd(int v) {
        return (v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
    }
}
