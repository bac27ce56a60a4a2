/**
 * Partition tables (MBR writing and reading, GPT reading) and finding a disk's NTFS volume.
 */
package dev.jefevm.disk.partition;
