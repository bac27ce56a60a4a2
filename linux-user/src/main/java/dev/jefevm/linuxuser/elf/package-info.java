/**
 * Reading and checking ELF64 x86_64 executables (System V gABI) before anything is loaded.
 */
package dev.jefevm.linuxuser.elf;
