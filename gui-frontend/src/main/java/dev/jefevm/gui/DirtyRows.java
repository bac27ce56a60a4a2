package dev.jefevm.gui;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Finds the framebuffer rows that changed since the last frame by comparing each row with a
 * shadow copy (a vectorised {@link MemorySegment#mismatch}), copies the changed rows into the
 * shadow and reports them as spans of consecutive rows, so the window uploads only those. The
 * guest draws with plain stores to RAM, with no device code per write to keep a dirty map, and a
 * full compare is exact where a row hash could collide; at 1024x768x4 it reads 3 MB a frame.
 * The shadow is also what the window uploads: a row read while the guest writes it may tear, and
 * the next frame sees the difference and sends the row again.
 */
final class DirtyRows {

    private final MemorySegment source;
    private final MemorySegment shadow;
    private final int rows;
    private final long pitch;
    private final long rowBytes;
    private final int[] spanStart;
    private final int[] spanEnd;
    private int spans;
    private boolean everythingDirty = true;

    /**
     * @param source   the live pixels, {@code rows} rows {@code pitch} bytes apart
     * @param rowBytes the visible bytes of each row (width x 4)
     */
    DirtyRows(MemorySegment source, int rows, long pitch, long rowBytes) {
        this.source = source;
        this.rows = rows;
        this.pitch = pitch;
        this.rowBytes = rowBytes;
        this.shadow = Arena.ofAuto().allocate(pitch * rows, 64);
        this.spanStart = new int[rows];
        this.spanEnd = new int[rows];
    }

    /** The copy the spans refer to: native memory, {@code pitch} bytes per row. */
    MemorySegment shadow() {
        return shadow;
    }

    /** Makes the next {@link #scan()} report every row (a new texture, a lost context). */
    void invalidate() {
        everythingDirty = true;
    }

    /** Compares the source with the shadow, refreshes changed rows and returns how many spans changed. */
    int scan() {
        spans = 0;
        int open = -1;
        for (int y = 0; y < rows; y++) {
            long offset = y * pitch;
            boolean changed = everythingDirty
                    || MemorySegment.mismatch(source, offset, offset + rowBytes, shadow, offset, offset + rowBytes) != -1;
            if (changed) {
                MemorySegment.copy(source, offset, shadow, offset, rowBytes);
                if (open < 0) {
                    open = y;
                }
            } else if (open >= 0) {
                addSpan(open, y);
                open = -1;
            }
        }
        if (open >= 0) {
            addSpan(open, rows);
        }
        everythingDirty = false;
        return spans;
    }

    private void addSpan(int from, int to) {
        spanStart[spans] = from;
        spanEnd[spans] = to;
        spans++;
    }

    /** The first row of span {@code i} of the last scan. */
    int spanStart(int i) {
        return spanStart[i];
    }

    /** One past the last row of span {@code i} of the last scan. */
    int spanEnd(int i) {
        return spanEnd[i];
    }
}
