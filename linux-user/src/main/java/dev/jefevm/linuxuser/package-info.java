/**
 * User-mode emulation: a static Linux x86_64 ELF program runs on the JefeVM CPU at CPL 3 in its
 * own address space, and a host-side kernel written in Java answers its system calls
 * (the role QEMU's linux-user mode plays).
 */
package dev.jefevm.linuxuser;
