/* arch/isr_stubs: entry stubs for the 32 exception vectors (SDM Vol.3 6.15).
 * Each stub makes the frame uniform: vectors where the CPU pushes no error code push a
 * dummy 0 first; then every stub pushes its vector number and jumps to isr_common, which
 * saves the general registers in the order of arch/InterruptFrame.h, clears DF and calls
 * exception_dispatch(InterruptFrame*). If that returns, the registers are restored and
 * iretq resumes the interrupted code.
 * Vectors with a CPU error code: 8 #DF, 10 #TS, 11 #NP, 12 #SS, 13 #GP, 14 #PF, 17 #AC,
 * 21 #CP, 29 #VC, 30 #SX (SDM Vol.3 Table 6-1; AMD APM Vol.2 8.2). */

#include "arch/InterruptEntry.inc"

    .section .text

    .macro ISR_NO_ERROR vector
isr_\vector:
    pushq $0
    pushq $\vector
    jmp isr_common
    .endm

    .macro ISR_WITH_ERROR vector
isr_\vector:
    pushq $\vector
    jmp isr_common
    .endm

    .irp v, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
    ISR_NO_ERROR \v
    .endr
    .irp v, 8,10,11,12,13,14,17,21,29,30
    ISR_WITH_ERROR \v
    .endr

isr_common:
    INTERRUPT_ENTRY exception_dispatch

    /* isr_stub_table[v] = address of the stub for vector v; read by arch/Idt.cpp. */
    .section .rodata
    .balign 8
    .global isr_stub_table
isr_stub_table:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad isr_\v
    .endr

    .section .note.GNU-stack, "", @progbits
