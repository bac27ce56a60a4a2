package dev.jefevm.devices.apic;

import dev.jefevm.core.memory.MmioHandler;
import dev.jefevm.devices.irq.IrqLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Intel 82093AA I/O APIC ("82093AA I/O Advanced Programmable Interrupt Controller (IOAPIC)",
 * May 1996 datasheet): the IOREGSEL/IOWIN register window (section 3.1), the ID, version and
 * arbitration registers, and 24 redirection table entries (section 3.2.4) that turn the levels
 * on its input pins into interrupt messages for the local APIC. Edge-triggered inputs deliver on
 * a rising edge while unmasked; level-triggered inputs deliver while asserted and set remote IRR
 * until the local APIC's EOI broadcast for that vector ({@link #eoi(int)}) clears it, after which
 * a still-asserted input delivers again.
 *
 * <p>Scope: one local APIC receives every message whose destination it matches. The
 * {@link IrqLine} levels are logical "request asserted" levels: the polarity bit is stored for the
 * guest but does not invert them (the board's wiring, as the MADT describes it, already gives an
 * asserted request). Delivery is instantaneous, so delivery status always reads idle.
 */
public final class IoApic implements MmioHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IoApic.class);

    /** The conventional physical base of the first I/O APIC on a PC. */
    public static final long DEFAULT_BASE = 0xFEC0_0000L;
    /** Input pins, and so redirection entries (datasheet 3.2.2: maximum redirection entry 0x17). */
    public static final int PINS = 24;

    // Window offsets (datasheet 3.1) and register indexes (datasheet 3.2)
    static final int IOREGSEL = 0x00, IOWIN = 0x10;
    static final int IOAPICID = 0x00, IOAPICVER = 0x01, IOAPICARB = 0x02, IOREDTBL = 0x10;
    static final int VERSION_VALUE = 0x11 | ((PINS - 1) << 16);

    // Redirection entry bits (datasheet 3.2.4)
    static final long DEST_LOGICAL = 1L << 11, DELIVERY_PENDING = 1L << 12, ACTIVE_LOW = 1L << 13,
            REMOTE_IRR = 1L << 14, LEVEL = 1L << 15, MASKED = 1L << 16;
    private static final long LOW_WRITABLE = 0xFFFL | ACTIVE_LOW | LEVEL | MASKED;
    private static final long HIGH_WRITABLE = 0xFF00_0000L;

    private final LocalApic target;
    private final long[] redirection = new long[PINS];
    private final boolean[] level = new boolean[PINS];
    private final IrqLine[] lines = new IrqLine[PINS];
    private int select;
    private int id;
    private long ignoredAccesses;

    /** An I/O APIC with ID {@code ioApicId} whose messages go to {@code target}. */
    public IoApic(int ioApicId, LocalApic target) {
        this.target = target;
        for (int pin = 0; pin < PINS; pin++) {
            int p = pin;
            lines[pin] = asserted -> setPin(p, asserted);
        }
        this.id = ioApicId & 0xF;
        reset();
    }

    /** RESET (datasheet 3.2.4: every entry masked); the ID keeps its power-up value from the board. */
    public void reset() {
        select = 0;
        java.util.Arrays.fill(redirection, MASKED);
    }

    /** A snapshot of the registers and pin levels. */
    public IoApicState save() {
        return new IoApicState(select, id, redirection, level);
    }

    /** Restores a snapshot taken by {@link #save()}; nothing is delivered by restoring. */
    public void restore(IoApicState s) {
        select = s.select();
        id = s.id();
        System.arraycopy(s.redirection(), 0, redirection, 0, PINS);
        System.arraycopy(s.pinLevels(), 0, level, 0, PINS);
    }

    /** The input for global system interrupt {@code gsi} (0-23, GSI base 0). */
    public IrqLine line(int gsi) {
        return lines[gsi];
    }

    /** The local APIC's EOI broadcast for a level-triggered {@code vector} (datasheet 3.2.4 bit 14). */
    public void eoi(int vector) {
        for (int pin = 0; pin < PINS; pin++) {
            long e = redirection[pin];
            if ((e & REMOTE_IRR) != 0 && (e & 0xFF) == vector) {
                redirection[pin] = e & ~REMOTE_IRR;
                if (level[pin]) {
                    deliverLevel(pin);
                }
            }
        }
    }

    private void setPin(int pin, boolean asserted) {
        boolean rising = asserted && !level[pin];
        level[pin] = asserted;
        long e = redirection[pin];
        if ((e & LEVEL) != 0) {
            if (asserted) {
                deliverLevel(pin);
            }
        } else if (rising && (e & MASKED) == 0) {
            send(e, false); // a masked edge is lost (datasheet 3.2.4 bit 16)
        }
    }

    private void deliverLevel(int pin) {
        long e = redirection[pin];
        if ((e & (MASKED | REMOTE_IRR)) != 0) {
            return;
        }
        if (send(e, true)) {
            int mode = (int) (e >>> 8) & 7;
            if (mode == LocalApic.FIXED || mode == LocalApic.LOWEST_PRIORITY) {
                redirection[pin] = e | REMOTE_IRR; // set when the local APIC accepts the message
            }
        }
    }

    private boolean send(long entry, boolean levelTriggered) {
        int destination = (int) (entry >>> 56) & 0xFF;
        if (!target.matchesDestination(destination, (entry & DEST_LOGICAL) != 0)) {
            return false;
        }
        target.deliver((int) (entry >>> 8) & 7, (int) entry & 0xFF, levelTriggered);
        return true;
    }

    // ---------------------------------------------------------------- register window

    @Override
    public long read(long offset, int size) {
        if (offset == IOREGSEL && size <= 4) {
            return select;
        }
        if (offset == IOWIN && size == 4) {
            return readRegister(select) & 0xFFFF_FFFFL;
        }
        ignored("read at " + offset + " size " + size);
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset == IOREGSEL && size <= 4) {
            select = (int) value & 0xFF;
        } else if (offset == IOWIN && size == 4) {
            writeRegister(select, value & 0xFFFF_FFFFL);
        } else {
            ignored("write at " + offset + " size " + size);
        }
    }

    private int readRegister(int index) {
        if (index == IOAPICID) {
            return id << 24;
        }
        if (index == IOAPICVER) {
            return VERSION_VALUE;
        }
        if (index == IOAPICARB) {
            return id << 24; // datasheet 3.2.3: the arbitration ID is loaded with the APIC ID
        }
        int pin = (index - IOREDTBL) >> 1;
        if (index >= IOREDTBL && pin < PINS) {
            long e = redirection[pin];
            return (int) ((index & 1) == 0 ? e : e >>> 32);
        }
        ignored("read of register " + index);
        return 0;
    }

    private void writeRegister(int index, long value) {
        if (index == IOAPICID) {
            id = (int) (value >>> 24) & 0xF;
            return;
        }
        int pin = (index - IOREDTBL) >> 1;
        if (index < IOREDTBL || pin >= PINS) {
            ignored("write of register " + index);
            return;
        }
        long e = redirection[pin];
        if ((index & 1) == 0) {
            e = (e & ~LOW_WRITABLE) | (value & LOW_WRITABLE);
            if ((e & LEVEL) == 0) {
                e &= ~REMOTE_IRR; // remote IRR is undefined for edge-triggered entries
            }
        } else {
            e = (e & 0xFFFF_FFFFL) | ((value & HIGH_WRITABLE) << 32);
        }
        redirection[pin] = e;
        if ((e & LEVEL) != 0 && level[pin]) {
            deliverLevel(pin); // unmasking an asserted level input delivers it
        }
    }

    /** Guest accesses ignored (bad width or offset, absent registers). */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    private void ignored(String what) {
        ignoredAccesses++;
        LOG.debug("I/O APIC: ignored {}", what);
    }
}
