package dev.jefevm.devices.uart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Device contract properties: any guest access sequence is absorbed, and saved state is complete. */
class Uart16550PropertiesTest {

    /** One guest or line event: a port read or write at an offset and width, or a byte from the host. */
    record Access(int kind, int offset, int size, int value) {
        static final int READ = 0, WRITE = 1, RECEIVE = 2;
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        Arbitrary<Access> one = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 9),
                Arbitraries.of(1, 2, 4),
                Arbitraries.integers()).as(Access::new);
        return one.list().ofMaxSize(60);
    }

    private static List<Integer> apply(Uart16550 uart, List<Access> accesses) {
        List<Integer> reads = new ArrayList<>();
        for (Access a : accesses) {
            switch (a.kind()) {
                case Access.READ -> reads.add(uart.read(a.offset(), a.size()));
                case Access.WRITE -> uart.write(a.offset(), a.size(), a.value());
                default -> uart.receive(a.value() & 0xFF);
            }
        }
        return reads;
    }

    @Property
    void anyAccessSequence_neverThrows(@ForAll("accesses") List<Access> accesses) {
        Uart16550 uart = new Uart16550(new RecordingBackend(), level -> { });

        apply(uart, accesses);
    }

    @Property
    void restoredCopy_behavesLikeTheOriginal(@ForAll("accesses") List<Access> before,
            @ForAll("accesses") List<Access> after) {
        RecordingBackend originalOut = new RecordingBackend();
        RecordingBackend copyOut = new RecordingBackend();
        Uart16550 original = new Uart16550(originalOut, level -> { });
        apply(original, before);
        Uart16550 copy = new Uart16550(copyOut, level -> { });
        copy.restoreState(original.saveState());

        List<Integer> expected = apply(original, after);
        List<Integer> actual = apply(copy, after);

        assertEquals(expected, actual);
        assertEquals(originalOut.text().length() - countBefore(before, originalOut), copyOut.text().length());
    }

    // Bytes the original transmitted before the snapshot (the copy never saw those).
    private static int countBefore(List<Access> before, RecordingBackend out) {
        RecordingBackend probe = new RecordingBackend();
        apply(new Uart16550(probe, level -> { }), before);
        return probe.text().length();
    }

    @Property
    void resetTwice_equalsResetOnce(@ForAll("accesses") List<Access> accesses) {
        Uart16550 once = new Uart16550(new RecordingBackend(), level -> { });
        Uart16550 twice = new Uart16550(new RecordingBackend(), level -> { });
        apply(once, accesses);
        apply(twice, accesses);

        once.reset();
        twice.reset();
        twice.reset();

        List<Access> probe = new ArrayList<>();
        for (int reg = 0; reg < 8; reg++) {
            probe.add(new Access(Access.READ, reg, 1, 0));
        }
        assertEquals(apply(once, probe), apply(twice, probe));
    }
}
