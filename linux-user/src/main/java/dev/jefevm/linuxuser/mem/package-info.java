/**
 * Process memory: guest-physical frames, 4-level page tables built from Java, virtual memory areas, and the kernel's checked access to user memory.
 */
package dev.jefevm.linuxuser.mem;
