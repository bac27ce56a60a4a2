package dev.jefevm.disk.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used cache of qcow2 L2 tables, keyed by their host offset and bounded
 * in bytes so that images with 2 MiB clusters do not pin hundreds of MiB. The image writes
 * its pending entries to the file before it reads any table that is not cached, so an evicted
 * table is never read back stale.
 */
final class L2Cache {

    private static final long BUDGET_BYTES = 8L << 20;

    private final Qcow2File file;
    private final int entries;
    private final Map<Long, long[]> tables;

    L2Cache(Qcow2File file, int entries) {
        this.file = file;
        this.entries = entries;
        int capacity = (int) Math.max(2, BUDGET_BYTES / (8L * entries));
        this.tables = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The L2 table at {@code offset}, read from the file on a miss. */
    long[] get(long offset) throws IOException {
        long[] table = tables.get(offset);
        if (table == null) {
            ByteBuffer raw = ByteBuffer.allocate(entries * 8);
            file.read(raw, offset);
            table = new long[entries];
            for (int i = 0; i < entries; i++) {
                table[i] = raw.getLong(i * 8);
            }
            tables.put(offset, table);
        }
        return table;
    }

    boolean contains(long offset) {
        return tables.containsKey(offset);
    }

    /** Registers a freshly allocated (all-zero) L2 table. */
    long[] putEmpty(long offset) {
        long[] table = new long[entries];
        tables.put(offset, table);
        return table;
    }
}
