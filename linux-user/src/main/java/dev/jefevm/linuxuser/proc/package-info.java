/**
 * Processes: their state, the program loader with the SysV initial stack, and CPU context switching.
 */
package dev.jefevm.linuxuser.proc;
