/* arch/context_switch: switch_context(uint64_t* saveRsp, uint64_t newRsp) saves the
 * callee-saved registers of the SysV ABI and RFLAGS on the current stack, stores RSP in
 * *saveRsp, loads newRsp and restores the same set from the new stack, then returns into the
 * other thread. A new thread's stack is prepared by sched/Scheduler to look like a switched-out
 * one whose return address is thread_trampoline, with its entry in r12 and argument in r13. */

    .section .text
    .global switch_context
switch_context:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    pushfq
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popfq
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

    .global thread_trampoline
thread_trampoline:
    /* Arrives with RSP 16-byte aligned (the prepared stack ends here), interrupts off. */
    sti
    movq %r13, %rdi
    call *%r12
    call thread_exit
    ud2

    .section .note.GNU-stack, "", @progbits
