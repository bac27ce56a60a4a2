/* arch/isr_stubs: entry stubs for the 32 exception vectors (SDM Vol.3 6.15).
 * Each stub makes the frame uniform: vectors where the CPU pushes no error code push a
 * dummy 0 first; then every stub pushes its vector number and jumps to isr_common, which
 * saves the general registers in the order of arch/InterruptFrame.h, clears DF and calls
 * exception_dispatch(InterruptFrame*). If that returns, the registers are restored and
 * iretq resumes the interrupted code.
 * Vectors with a CPU error code: 8 #DF, 10 #TS, 11 #NP, 12 #SS, 13 #GP, 14 #PF, 17 #AC,
 * 21 #CP, 29 #VC, 30 #SX (SDM Vol.3 Table 6-1; AMD APM Vol.2 8.2). */

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
    /* The CPU aligned RSP to 16 before pushing its 5 (or 5 + error) quadwords; with the
     * error code, vector and 15 registers the frame is 22 quadwords, so RSP stays 16-byte
     * aligned for the call (SysV ABI). */
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    cld
    movq %rsp, %rdi
    call exception_dispatch
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp          /* vector and error code */
    iretq

    /* isr_stub_table[v] = address of the stub for vector v; read by arch/Idt.cpp. */
    .section .rodata
    .balign 8
    .global isr_stub_table
isr_stub_table:
    .irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad isr_\v
    .endr

    .section .note.GNU-stack, "", @progbits
