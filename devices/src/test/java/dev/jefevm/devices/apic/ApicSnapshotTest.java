package dev.jefevm.devices.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import org.junit.jupiter.api.Test;

class ApicSnapshotTest {

    private final VirtualClock clock = VirtualClock.deterministic();

    @Test
    void localApic_restoredSnapshot_behavesLikeTheOriginal() {
        LocalApic original = new LocalApic(0, clock);
        original.write(0xF0, 4, 0x1FF);
        original.write(0x80, 4, 0x20);
        original.write(0x3E0, 4, 0xB);
        original.write(0x320, 4, (1 << 17) | 0xEC);
        original.write(0x380, 4, 100);
        original.deliver(LocalApic.FIXED, 0x50, true);
        original.acknowledge();
        clock.retire(30);

        LocalApic copy = new LocalApic(0, clock);
        copy.restore(original.save());

        assertEquals(original.save().irr()[0], copy.save().irr()[0]);
        for (int offset = 0x20; offset <= 0x3E0; offset += 0x10) {
            if (offset != 0x3F0) {
                assertEquals(original.read(offset, 4), copy.read(offset, 4), "register at " + Integer.toHexString(offset));
            }
        }
        clock.retire(70);
        assertTrue(clock.runDueTimers() >= 1, "the restored timer re-armed its clock event");
        assertEquals(0xEC, copy.acknowledge());
    }

    @Test
    void ioApic_restoredSnapshot_keepsRemoteIrrAndRouting() {
        LocalApic lapic = new LocalApic(0, clock);
        lapic.write(0xF0, 4, 0x1FF);
        IoApic original = new IoApic(2, lapic);
        original.write(0, 4, 0x10);
        original.write(0x10, 4, IoApic.LEVEL | 0x40);
        original.line(0).set(true);

        IoApic copy = new IoApic(0, lapic);
        copy.restore(original.save());
        copy.write(0, 4, 0x10);

        assertEquals(IoApic.LEVEL | IoApic.REMOTE_IRR | 0x40, copy.read(0x10, 4));
        copy.write(0, 4, 0);
        assertEquals(2 << 24, copy.read(0x10, 4));
    }
}
