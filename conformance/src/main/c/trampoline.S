/*
 * Entry into and exit from one oracle case (see oracle.c). Every guest register is loaded from
 * and stored to fixed globals with RIP-relative moves, so no register is needed as a pointer:
 * the case starts with exactly the state the harness asked for.
 */
        .text
        .globl  oracle_enter
        .type   oracle_enter, @function
oracle_enter:
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, oracle_host_rsp(%rip)
        fxrstor64 oracle_in_fx(%rip)            /* x87, MXCSR and XMM0-15 (SDM Vol.1 10.5.1) */
        pushq   oracle_in_rflags(%rip)
        popfq
        mov     oracle_in_gpr+0(%rip), %rax
        mov     oracle_in_gpr+8(%rip), %rcx
        mov     oracle_in_gpr+16(%rip), %rdx
        mov     oracle_in_gpr+24(%rip), %rbx
        mov     oracle_in_gpr+40(%rip), %rbp
        mov     oracle_in_gpr+48(%rip), %rsi
        mov     oracle_in_gpr+56(%rip), %rdi
        mov     oracle_in_gpr+64(%rip), %r8
        mov     oracle_in_gpr+72(%rip), %r9
        mov     oracle_in_gpr+80(%rip), %r10
        mov     oracle_in_gpr+88(%rip), %r11
        mov     oracle_in_gpr+96(%rip), %r12
        mov     oracle_in_gpr+104(%rip), %r13
        mov     oracle_in_gpr+112(%rip), %r14
        mov     oracle_in_gpr+120(%rip), %r15
        mov     oracle_in_gpr+32(%rip), %rsp
        jmp     *oracle_code_entry(%rip)

        .globl  oracle_exit
        .type   oracle_exit, @function
oracle_exit:
        mov     %rax, oracle_out_gpr+0(%rip)
        mov     %rcx, oracle_out_gpr+8(%rip)
        mov     %rdx, oracle_out_gpr+16(%rip)
        mov     %rbx, oracle_out_gpr+24(%rip)
        mov     %rsp, oracle_out_gpr+32(%rip)
        mov     %rbp, oracle_out_gpr+40(%rip)
        mov     %rsi, oracle_out_gpr+48(%rip)
        mov     %rdi, oracle_out_gpr+56(%rip)
        mov     %r8, oracle_out_gpr+64(%rip)
        mov     %r9, oracle_out_gpr+72(%rip)
        mov     %r10, oracle_out_gpr+80(%rip)
        mov     %r11, oracle_out_gpr+88(%rip)
        mov     %r12, oracle_out_gpr+96(%rip)
        mov     %r13, oracle_out_gpr+104(%rip)
        mov     %r14, oracle_out_gpr+112(%rip)
        mov     %r15, oracle_out_gpr+120(%rip)
        mov     oracle_host_rsp(%rip), %rsp
        pushfq
        popq    oracle_out_rflags(%rip)
        cld                                     /* the C ABI wants DF clear */
        fxsave64 oracle_out_fx(%rip)
        fxrstor64 oracle_host_fx(%rip)          /* back to the default x87/SSE state for C code */
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        ret

        .section .note.GNU-stack,"",@progbits
