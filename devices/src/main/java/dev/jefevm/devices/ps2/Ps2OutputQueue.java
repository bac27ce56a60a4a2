package dev.jefevm.devices.ps2;

/**
 * The small FIFO a PS/2 device keeps of bytes not yet clocked to the controller (a keyboard's
 * 16-byte buffer in the IBM PS/2 keyboard reference). It is bounded; the device decides what an
 * overrun looks like. A listener, normally the 8042, is told whenever a byte is added so it can
 * pull it into its output buffer when that is free. A refill hook, normally the device's own
 * host-side queue, may top the queue up each time a byte leaves it.
 */
public final class Ps2OutputQueue {

    private final byte[] bytes;
    private int head;
    private int count;
    private Runnable listener = () -> { };
    private Runnable refill = () -> { };
    /** True while the refill hook runs: the poller is mid-transfer, so it must not be re-entered. */
    private boolean refilling;

    public Ps2OutputQueue(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Who to tell when a byte arrives (the controller); replaces any previous listener. */
    public void setListener(Runnable listener) {
        this.listener = listener;
    }

    /**
     * Who to ask for more bytes after one is polled (the device's host-side queue); bytes it adds
     * then do not notify the listener, which is the poller itself and will look again.
     */
    public void setRefill(Runnable refill) {
        this.refill = refill;
    }

    /** Appends a byte; returns false (and drops it) when the queue is full. */
    public boolean offer(int value) {
        if (count == bytes.length) {
            return false;
        }
        bytes[(head + count) % bytes.length] = (byte) value;
        count++;
        if (!refilling) {
            listener.run();
        }
        return true;
    }

    /** Replaces the newest byte (the overrun code goes there when the queue fills up). */
    void replaceLast(int value) {
        if (count > 0) {
            bytes[(head + count - 1) % bytes.length] = (byte) value;
        }
    }

    /** Removes and returns the oldest byte (0..255); the queue must not be empty. */
    public int poll() {
        int value = bytes[head] & 0xFF;
        head = (head + 1) % bytes.length;
        count--;
        refilling = true;
        try {
            refill.run();
        } finally {
            refilling = false;
        }
        return value;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int size() {
        return count;
    }

    /** Free space, so a device can send a multi-byte packet whole or not at all. */
    public int room() {
        return bytes.length - count;
    }

    public void clear() {
        head = 0;
        count = 0;
    }

    /** The queued bytes, oldest first, for saved state. */
    public byte[] snapshot() {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = bytes[(head + i) % bytes.length];
        }
        return out;
    }

    /** Replaces the contents with saved bytes (oldest first; any beyond capacity are dropped) without notifying. */
    public void restore(byte[] saved) {
        head = 0;
        count = Math.min(saved.length, bytes.length);
        System.arraycopy(saved, 0, bytes, 0, count);
    }
}
