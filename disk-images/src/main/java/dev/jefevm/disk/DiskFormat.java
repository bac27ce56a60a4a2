package dev.jefevm.disk;

import java.util.Locale;

/**
 * The container formats JefeVM reads and writes: a raw image (the disk's bytes, nothing else)
 * and qcow2 version 3 (QEMU's copy-on-write format, docs/interop/qcow2.txt), without
 * compression, encryption or backing files.
 */
public enum DiskFormat {
    RAW,
    QCOW2;

    /** The name users type and see: {@code raw}, {@code qcow2}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
