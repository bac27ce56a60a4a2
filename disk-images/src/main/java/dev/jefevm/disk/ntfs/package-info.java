/**
 * NTFS 3.1 on the host: formatting a volume, mounting one (ours or another tool's) with every
 * on-disk field checked, reading and writing files and directories, a consistency check, the
 * host-folder image builder and the build-time default data disk. Written from the public NTFS
 * documentation of the Linux-NTFS project; the guest kernel has its own implementation.
 */
package dev.jefevm.disk.ntfs;
