.intel_syntax noprefix
    mov rbx, 0x40000
    mov rax, 0
    mov [rbx], rax
    mov rax, 1
    mov [rbx+8], rax
    mov rax, -1
    mov [rbx+16], rax
    mov rax, 0x7f
    mov [rbx+24], rax
    mov rax, 0xffff8000
    mov [rbx+32], rax
    mov rax, 0x80000000
    mov [rbx+40], rax
    mov rax, 0x8000000000000000
    mov [rbx+48], rax
    mov rax, 0x123456789abcdef1
    mov [rbx+56], rax
    mov rax, 0x7fffffffffffffff
    mov [rbx+64], rax
    lea rdi, [rbx+0x100]
    xor ecx, ecx
1:
    mov rax, [rbx+rcx*8]
    mov rdx, [rbx+rcx*8+8]
    mov r8, rax
    imul r8, rdx
    pushfq
    pop r9
    mov [rdi], r8
    mov [rdi+8], r9
    mov r10, rax
    imul r10d, edx
    pushfq
    pop r9
    mov [rdi+16], r10
    mov [rdi+24], r9
    mov r11, rax
    imul r11w, dx
    pushfq
    pop r9
    mov [rdi+32], r11
    mov [rdi+40], r9
    imul r12, [rbx+rcx*8+8], -3
    setc r13b
    seto r14b
    mov [rdi+48], r12
    mov [rdi+56], r13
    mov [rdi+64], r14
    imul r12d, eax, 0x12345
    jno 2f
    inc r15
2:
    jc 3f
    add r15, 0x100
3:
    imul r13w, [rbx+rcx*8], 0x7fff
    pushfq
    pop r9
    mov [rdi+72], r13
    mov [rdi+80], r9
    mov r12, rax
    neg r12
    pushfq
    pop r9
    mov [rdi+88], r12
    mov [rdi+96], r9
    mov [rdi+104], rax
    neg dword ptr [rdi+104]
    pushfq
    pop r9
    mov [rdi+112], r9
    mov [rdi+120], rax
    not qword ptr [rdi+120]
    neg byte ptr [rdi+121]
    sbb r15, 0
    mov r12, rdx
    not r12w
    neg r12b
    not r12d
    neg ah
    mov [rdi+128], r12
    mov [rdi+136], rax
    mov rax, [rbx+rcx*8+8]
    cbw
    mov [rdi+144], rax
    mov rax, [rbx+rcx*8+8]
    cwde
    cwd
    mov [rdi+152], rax
    mov [rdi+160], rdx
    cdqe
    cdq
    mov [rdi+168], rax
    mov [rdi+176], rdx
    mov rax, [rbx+rcx*8+8]
    cqo
    adc r15, rdx
    mov [rdi+184], r15
    add rdi, 0xc0
    inc ecx
    cmp ecx, 8
    jb 1b
    lea rdx, [rip+func]
    mov [rbx+0x80], rdx
    mov ecx, 20
    xor eax, eax
4:
    call rdx
    call qword ptr [rbx+0x80]
    lea rsi, [rip+5f]
    jmp rsi
    hlt
5:
    dec ecx
    jnz 4b
    lea rsi, [rip+6f]
    mov [rbx+0x88], rsi
    mov [rbx+0x90], rax
    jmp qword ptr [rbx+0x88]
    hlt
6:
    hlt
func:
    add rax, rcx
    imul rax, rax, 3
    ret
