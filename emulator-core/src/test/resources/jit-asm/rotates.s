# ROL/ROR by 1 (D1) and by immediates (C1: 0, 1, 13, 17, 31, 32, 33, 63, 64, 0x41, masked to
# 5/6 bits) at 32 and 64 bits over edge values, each after a different flag-setting operation
# (SUB, ADD, logic, INC, SHL by CL) whose SF, ZF, PF and AF must survive; SETcc, Jcc and ADC
# read the flags right after, PUSHFQ records all six. Folded into R15 (r15 = r15 * 31 + x).
.intel_syntax noprefix
.macro fold reg
    imul r15, r15, 31
    add r15, \reg
.endm
.macro foldflags
    pushfq
    pop r14
    fold r14
.endm
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
    mov rax, 0x4000000000000000
    mov [rbx+72], rax
    mov rax, 0xc0000001
    mov [rbx+80], rax
    xor r15d, r15d
    xor esi, esi
1:
    mov rax, [rbx+rsi*8]
    mov rdx, rax
    mov r9, rax
    mov r11, rax
    xor r12d, r12d
    xor r13d, r13d
    cmp rax, rsi
    rol rax, 1
    setc r12b
    seto r13b
    fold rax
    foldflags
    fold r12
    fold r13
    rol rax, 13
    foldflags
    fold rax
    add edx, esi
    rol edx, 1
    jnc 3f
    inc r15
3:
    foldflags
    fold rdx
    rol edx, 31
    foldflags
    fold rdx
    test r9, r9
    ror r9, 1
    jo 4f
    inc r15
4:
    foldflags
    fold r9
    ror r9, 63
    foldflags
    fold r9
    inc r11d
    ror r11d, 1
    adc r11, 0
    foldflags
    fold r11
    ror r11d, 17
    foldflags
    fold r11
    mov ecx, esi
    mov rax, [rbx+rsi*8]
    shl rax, cl
    rol eax, 0
    foldflags
    fold rax
    sub eax, 3
    rol eax, 32
    foldflags
    fold rax
    mov rdx, [rbx+rsi*8]
    ror rdx, 64
    foldflags
    fold rdx
    ror edx, 33
    foldflags
    fold rdx
    mov r9, [rbx+rsi*8]
    neg r9
    rol r9, 0x41
    ror r9, 7
    rol r9d, 5
    sete r12b
    fold r12
    foldflags
    fold r9
    inc rsi
    cmp rsi, 11
    jb 1b
    mov [rbx+0x800], r15
    hlt
