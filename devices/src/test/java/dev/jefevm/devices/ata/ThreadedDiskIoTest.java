package dev.jefevm.devices.ata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadedDiskIoTest {

    @Test
    void readSectors_onTheIoThread_completesOnlyWhenThePostedTaskRuns() throws InterruptedException {
        IdeHarness h = new IdeHarness(new MemoryDisk(1 << 20));
        LinkedBlockingQueue<Runnable> posted = new LinkedBlockingQueue<>();
        h.ide.useIoThread(posted::add);
        h.disk.fillPattern(3, 1);

        h.command28(AtaCommand.READ_SECTORS, 3, 1);
        Runnable completion = posted.poll(10, TimeUnit.SECONDS);
        int beforeCompletion = h.altStatus();
        completion.run();

        assertEquals(AtaRegisters.STATUS_BSY, beforeCompletion & AtaRegisters.STATUS_BSY);
        assertTrue(h.irq);
        assertArrayEquals(IdeHarness.patternBytes(3, 1), h.readData(512));
        h.ide.close();
    }
}
