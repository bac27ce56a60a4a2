/**
 * The system-call layer: the kernel that schedules processes and receives SYSCALL and faults from the CPU, and the call groups it dispatches to.
 */
package dev.jefevm.linuxuser.sys;
