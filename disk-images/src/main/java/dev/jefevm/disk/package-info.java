/**
 * Disk image formats (raw, copy-on-write overlay, qcow2) and the NTFS image builder; arrives with the storage issue.
 */
package dev.jefevm.disk;
