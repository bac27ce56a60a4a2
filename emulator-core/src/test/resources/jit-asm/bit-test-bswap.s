# BT of a register by a register (16/32/64 bits; offsets 0, 1, 15, 31, 32, 63, 64, -1, 0x1234:
# taken modulo the width) and by an immediate (masked to the width), each after a different
# flag-setting operation whose other flags must survive; SETc, Jcc, ADC and CMOVcc read the flags
# right after, PUSHFQ records all six; BSWAP of 32- and 64-bit registers (incl. R9D, zero-
# extending). Folded into R15 (r15 = r15 * 31 + x).
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
    mov rax, 0x8000
    mov [rbx+24], rax
    mov rax, 0xffff8000
    mov [rbx+32], rax
    mov rax, 0x80000000
    mov [rbx+40], rax
    mov rax, 0x8000000000000000
    mov [rbx+48], rax
    mov rax, 0x123456789abcdef1
    mov [rbx+56], rax
    mov rax, 0x100000001
    mov [rbx+64], rax
    mov qword ptr [rbx+0x100], 0
    mov qword ptr [rbx+0x108], 1
    mov qword ptr [rbx+0x110], 15
    mov qword ptr [rbx+0x118], 31
    mov qword ptr [rbx+0x120], 32
    mov qword ptr [rbx+0x128], 63
    mov qword ptr [rbx+0x130], 64
    mov qword ptr [rbx+0x138], -1
    mov qword ptr [rbx+0x140], 0x1234
    xor r15d, r15d
    xor esi, esi
2:
    xor r10d, r10d
1:
    mov rcx, [rbx+r10*8+0x100]
    mov rax, [rbx+rsi*8]
    xor r12d, r12d
    cmp rax, r10
    bt rax, rcx
    setc r12b
    fold r12
    foldflags
    add eax, esi
    bt eax, ecx
    jnc 3f
    inc r15
3:
    foldflags
    test rax, rax
    bt ax, cx
    adc r15, 0
    foldflags
    inc ecx
    bt rax, 63
    cmovc r12, rax
    fold r12
    foldflags
    sub ecx, 5
    bt eax, 33
    foldflags
    bt ax, 15
    foldflags
    bt rcx, 0
    foldflags
    mov r9, [rbx+rsi*8]
    add r9, r10
    bswap r9
    fold r9
    bswap r9d
    fold r9
    mov rdx, rax
    bswap edx
    fold rdx
    bswap rdx
    foldflags
    fold rdx
    inc r10
    cmp r10, 9
    jb 1b
    inc rsi
    cmp rsi, 9
    jb 2b
    mov [rbx+0x800], r15
    hlt
