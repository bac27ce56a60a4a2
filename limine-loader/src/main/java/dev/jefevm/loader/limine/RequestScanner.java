package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the base revision tag and the requests in a loaded kernel image (Limine protocol,
 * "Requests Delimiters", "Base Revisions", "Features"): 8-byte aligned words scanned between the
 * last start marker and the first end marker when present, else through the whole image. The
 * same request ID twice refuses the boot, as the protocol requires.
 */
final class RequestScanner {

    private static final Logger LOG = LoggerFactory.getLogger(RequestScanner.class);

    private static final long[] START_MARKER = {
        0xf6b8f4b39de7d1aeL, 0xfab91a6940fcb9cfL, 0x785c6ed015d3e316L, 0x181e920a7852b9d9L};
    private static final long[] END_MARKER = {0xadc0e0531bb10d03L, 0x9572709f31764c62L};
    static final long BASE_REVISION_MAGIC_0 = 0xf9562b2d5c95a6c8L, BASE_REVISION_MAGIC_1 = 0x6a7b384944536bdcL;
    private static final int REQUEST_HEADER = 48, TAG_SIZE = 24;

    /** What the scan found; {@code baseRevisionTag} is the tag's physical address or -1 if absent. */
    record Result(long baseRevisionTag, long requestedRevision, Map<Feature, Request> requests) {
    }

    private RequestScanner() {
    }

    /** Scans the image at physical {@code [start, end)} (8-byte aligned start). */
    static Result scan(PhysicalMemory memory, long start, long end) throws KernelLoadException {
        long from = start;
        long to = end;
        long lastStart = -1;
        long firstEnd = -1;
        for (long p = start; p + 16 <= end; p += 8) {
            if (p + 32 <= end && matches(memory, p, START_MARKER)) {
                lastStart = p;
            } else if (firstEnd < 0 && matches(memory, p, END_MARKER)) {
                firstEnd = p;
            }
        }
        if (lastStart >= 0) {
            from = lastStart + 8L * START_MARKER.length;
        }
        if (firstEnd >= 0) {
            to = firstEnd;
        }
        long tag = -1;
        long revision = 0;
        Map<Feature, Request> requests = new EnumMap<>(Feature.class);
        for (long p = from; p < to && p + TAG_SIZE <= end; p += 8) {
            long w0 = memory.read64(p);
            long w1 = memory.read64(p + 8);
            if (w0 == BASE_REVISION_MAGIC_0 && w1 == BASE_REVISION_MAGIC_1 && tag < 0) {
                tag = p;
                revision = memory.read64(p + 16);
            } else if (w0 == Feature.COMMON_MAGIC_0 && w1 == Feature.COMMON_MAGIC_1 && p + REQUEST_HEADER <= end) {
                addRequest(memory, p, requests);
            }
        }
        return new Result(tag, revision, requests);
    }

    private static void addRequest(PhysicalMemory memory, long p, Map<Feature, Request> requests) throws KernelLoadException {
        long id2 = memory.read64(p + 16);
        long id3 = memory.read64(p + 24);
        Feature feature = Feature.of(id2, id3);
        if (feature == null) {
            LOG.debug("unknown Limine request {}/{} left unanswered",
                    Long.toHexString(id2), Long.toHexString(id3));
            return;
        }
        if (requests.containsKey(feature)) {
            throw new KernelLoadException("the kernel holds two " + feature + " requests; the protocol allows one");
        }
        requests.put(feature, new Request(feature, p, memory.read64(p + Request.REVISION_OFFSET)));
    }

    private static boolean matches(PhysicalMemory memory, long p, long[] marker) {
        for (int i = 0; i < marker.length; i++) {
            if (memory.read64(p + 8L * i) != marker[i]) {
                return false;
            }
        }
        return true;
    }
}
