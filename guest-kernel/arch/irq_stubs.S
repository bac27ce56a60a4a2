/* arch/irq_stubs: entry stubs for the external-interrupt vectors 32..255 (SDM Vol.3 6.3,
 * 6.14). The CPU pushes no error code for them, so every stub pushes a dummy 0 and its
 * vector, then joins irq_common, which saves the general registers in the order of
 * arch/InterruptFrame.h, clears DF and calls irq_dispatch(InterruptFrame*). The scheduler
 * may switch threads inside irq_dispatch; the frame stays on the interrupted thread's own
 * stack and is resumed when that thread is switched back in. */

#include "arch/InterruptEntry.inc"

    .section .text

    .altmacro
    .macro IRQ_STUB vector
irq_\vector:
    pushq $0
    pushq $\vector
    jmp irq_common
    .endm

    .set v, 32
    .rept 224
    IRQ_STUB %v
    .set v, v + 1
    .endr

irq_common:
    INTERRUPT_ENTRY irq_dispatch

    /* irq_stub_table[v - 32] = address of the stub for vector v; read by arch/Idt.cpp. */
    .macro IRQ_ENTRY vector
    .quad irq_\vector
    .endm

    .section .rodata
    .balign 8
    .global irq_stub_table
irq_stub_table:
    .set v, 32
    .rept 224
    IRQ_ENTRY %v
    .set v, v + 1
    .endr

    .section .note.GNU-stack, "", @progbits
