package dev.jefevm.devices.ata;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image I/O off the vCPU thread: one daemon thread per controller performs the tasks of both of
 * its channels in submission order (so one {@code BlockDevice} is only ever used by that thread)
 * and hands each completion to {@code vcpu}, typically the machine's {@code post}, which runs it
 * on the vCPU thread at the next block boundary. Used in real-time runs, where the guest keeps
 * running (or idles) while the host disk works.
 */
public final class ThreadedDiskIo implements DiskIo {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadedDiskIo.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final ExecutorService worker;
    private final Executor vcpu;

    /** A worker thread named {@code name} posting completions through {@code vcpu}. */
    public ThreadedDiskIo(String name, Executor vcpu) {
        this.vcpu = vcpu;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void submit(DiskTask task) {
        worker.execute(() -> {
            IOException failure = null;
            try {
                task.perform();
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException(e.toString(), e);
            }
            IOException result = failure;
            vcpu.execute(() -> task.complete(result));
        });
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("disk I/O still running after {} s; giving up waiting", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
