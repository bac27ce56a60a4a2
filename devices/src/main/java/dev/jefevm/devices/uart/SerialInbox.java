package dev.jefevm.devices.uart;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over point between a host input thread and the vCPU thread: any thread may
 * {@link #post} bytes; only the vCPU thread {@link #drainInto drains} them into the UART, and
 * only as many as its receive FIFO has room for, which acts as flow control so host input is
 * never lost to an overrun. Also remembers whether the host input has ended (EOF).
 */
public final class SerialInbox {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private byte[] buffer = new byte[256];
    private int head;
    private int count;
    private boolean inputClosed;
    /** A {@link #wakeUp()} not yet seen by {@link #awaitInput}: kept like a permit, so a wake-up sent just before the wait is not lost. */
    private boolean woken;
    private volatile boolean pending;

    /** Queues {@code len} bytes of host input (any thread). */
    public void post(byte[] bytes, int off, int len) {
        lock.lock();
        try {
            ensureRoom(len);
            for (int i = 0; i < len; i++) {
                buffer[(head + count) % buffer.length] = bytes[off + i];
                count++;
            }
            pending = count > 0;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts {@code bytes} back at the head of the queue, before anything still waiting: input the
     * guest never read when its UART was reset, so that typed-ahead or piped input survives a
     * reboot (vCPU thread).
     */
    public void pushBack(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        lock.lock();
        try {
            ensureRoom(bytes.length);
            head = Math.floorMod(head - bytes.length, buffer.length);
            for (int i = 0; i < bytes.length; i++) {
                buffer[(head + i) % buffer.length] = bytes[i];
            }
            count += bytes.length;
            pending = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues the bytes of {@code text} as ISO-8859-1 (tests and scripted input). */
    public void post(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        post(b, 0, b.length);
    }

    /** Records that the host input has ended; the guest keeps running. */
    public void closeInput() {
        lock.lock();
        try {
            inputClosed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isInputClosed() {
        lock.lock();
        try {
            return inputClosed;
        } finally {
            lock.unlock();
        }
    }

    /** True if bytes wait to be drained (cheap: no lock). */
    public boolean hasPending() {
        return pending;
    }

    /**
     * Moves as many queued bytes as {@code uart} can take into its receiver (vCPU thread), then,
     * if the queue is empty, tells the UART the line went idle (for its character timeout).
     *
     * @return how many bytes were moved
     */
    public int drainInto(Uart16550 uart) {
        if (!pending) {
            uart.lineIdle();
            return 0;
        }
        int moved = 0;
        lock.lock();
        try {
            int room = uart.receiveRoom();
            while (count > 0 && moved < room) {
                uart.receive(buffer[head] & 0xFF);
                head = (head + 1) % buffer.length;
                count--;
                moved++;
            }
            pending = count > 0;
        } finally {
            lock.unlock();
        }
        if (!pending) {
            uart.lineIdle();
        }
        return moved;
    }

    /** Waits up to {@code timeoutNanos} for input to arrive (or end); returns true if some is queued. */
    public boolean awaitInput(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (count == 0 && !inputClosed && !woken && left > 0) {
                left = arrived.awaitNanos(left);
            }
            woken = false;
            return count > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the current (or the next) {@link #awaitInput} without posting input: a stop request,
     * or work posted to the vCPU thread such as a finished disk transfer.
     */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ensureRoom(int extra) {
        if (count + extra <= buffer.length) {
            return;
        }
        int size = buffer.length;
        while (size < count + extra) {
            size *= 2;
        }
        byte[] bigger = new byte[size];
        for (int i = 0; i < count; i++) {
            bigger[i] = buffer[(head + i) % buffer.length];
        }
        buffer = bigger;
        head = 0;
    }
}
