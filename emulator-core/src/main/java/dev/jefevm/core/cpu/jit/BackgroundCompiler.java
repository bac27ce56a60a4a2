package dev.jefevm.core.cpu.jit;

import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread shared by every {@link JitEngine} that translates code snapshots off the
 * vCPU thread. A finished unit goes to its engine's queue; the engine installs it on its own
 * thread, only if its pages' generations (and the engine's flush count) are unchanged.
 */
final class BackgroundCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCompiler.class);

    private record Request(JitEngine engine, CodeSnapshot code, long rip, int epoch) {
    }

    private static final LinkedBlockingQueue<Request> QUEUE = new LinkedBlockingQueue<>(1024);

    static {
        Thread t = new Thread(BackgroundCompiler::loop, "jefevm-jit-compiler");
        t.setDaemon(true);
        t.start();
    }

    private BackgroundCompiler() {
    }

    /** Queues a translation of the sealed snapshot {@code code}; a full queue drops it (the code stays interpreted). */
    static void submit(JitEngine engine, CodeSnapshot code, long rip, int epoch) {
        QUEUE.offer(new Request(engine, code, rip, epoch));
    }

    private static void loop() {
        while (true) {
            Request r;
            try {
                r = QUEUE.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                CompiledUnit u = r.engine().compile(r.code(), r.rip(), r.epoch());
                if (u != null) {
                    r.engine().finished.add(u);
                } else {
                    LOG.debug("no unit at {}: its first instruction is not translatable", Long.toHexString(r.rip()));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("JIT translation at 0x{} failed; the code stays interpreted", Long.toHexString(r.rip()), e);
            }
        }
    }
}
