package dev.jefevm.devices.uart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SerialInboxTest {

    private final Uart16550 uart = new Uart16550(new RecordingBackend(), level -> { });
    private final SerialInbox inbox = new SerialInbox();

    @org.junit.jupiter.api.BeforeEach
    void guestAssertsRts() {
        uart.write(4, 1, 0x0B); // MCR: DTR, RTS, OUT2, as a driver sets it up
    }

    @Test
    void drainInto_withoutRts_holdsInputBack() {
        uart.write(4, 1, 0x00);
        inbox.post("a");

        assertEquals(0, inbox.drainInto(uart));
        assertTrue(inbox.hasPending());
    }

    @Test
    void drainInto_movesOnlyWhatTheFifoHasRoomFor() {
        uart.write(2, 1, 0x01); // FIFOs on: 16 bytes of room
        inbox.post("abcdefghijklmnopqrstuvwxyz");

        int moved = inbox.drainInto(uart);

        assertEquals(16, moved);
        assertTrue(inbox.hasPending());
        assertEquals(0, uart.read(5, 1) & 0x02); // no overrun: the rest waits in the inbox
    }

    @Test
    void drainInto_afterGuestReads_deliversTheRestInOrder() {
        inbox.post("xy");
        inbox.drainInto(uart);
        int first = uart.read(0, 1);

        inbox.drainInto(uart);

        assertEquals('x', first);
        assertEquals('y', uart.read(0, 1));
        assertFalse(inbox.hasPending());
    }

    @Test
    void awaitInput_returnsAtOnceWhenInputIsQueued() throws InterruptedException {
        inbox.post("z");

        assertTrue(inbox.awaitInput(1_000_000_000L));
    }

    @Test
    void awaitInput_afterWakeUp_returnsWithoutWaiting_evenWhenTheWakeUpCameFirst() {
        inbox.wakeUp(); // e.g. a disk transfer finished just before the vCPU thread began to wait

        boolean input = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> inbox.awaitInput(60_000_000_000L));
        assertFalse(input);
    }

    @Test
    void awaitInput_afterEndOfInput_returnsFalseWithoutWaiting() throws InterruptedException {
        inbox.closeInput();

        assertFalse(inbox.awaitInput(60_000_000_000L));
        assertTrue(inbox.isInputClosed());
    }

    @Test
    void post_manyBytes_growsAndKeepsOrder() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append((char) ('a' + i % 26));
        }
        inbox.post(text.toString());
        uart.write(2, 1, 0x01);
        StringBuilder got = new StringBuilder();

        while (inbox.hasPending() || (uart.read(5, 1) & 1) != 0) {
            inbox.drainInto(uart);
            while ((uart.read(5, 1) & 1) != 0) {
                got.append((char) uart.read(0, 1));
            }
        }

        assertEquals(text.toString(), got.toString());
    }

    @Test
    void pushBack_putsBytesBeforeWhatIsStillQueued() {
        inbox.post("cd");
        inbox.pushBack(new byte[] {'a', 'b'});
        uart.write(2, 1, 0x01);

        inbox.drainInto(uart);

        StringBuilder got = new StringBuilder();
        while ((uart.read(5, 1) & 1) != 0) {
            got.append((char) uart.read(0, 1));
        }
        assertEquals("abcd", got.toString());
    }
}
