# SHL/SHR/SAR by CL (32 and 64 bits) over edge values and counts (0, 1, 2, 7, 31, 32, 33, 63,
# 64, 0xA1, 0x120: masked to 5/6 bits, CL only), each after a different flag-setting operation
# (SUB, ADD, logic, INC, shift) so a zero count must leave that operation's flags; SETcc, Jcc,
# CMOVcc and ADC read the flags right after the shift, PUSHFQ records all of them (AF, OF too).
# Every value is folded into R15 (r15 = r15 * 31 + x); the tables live at 0x40000.
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
    mov qword ptr [rbx+0x100], 0
    mov qword ptr [rbx+0x108], 1
    mov qword ptr [rbx+0x110], 2
    mov qword ptr [rbx+0x118], 7
    mov qword ptr [rbx+0x120], 31
    mov qword ptr [rbx+0x128], 32
    mov qword ptr [rbx+0x130], 33
    mov qword ptr [rbx+0x138], 63
    mov qword ptr [rbx+0x140], 64
    mov qword ptr [rbx+0x148], 0xa1
    mov qword ptr [rbx+0x150], 0x120
    xor r15d, r15d
    xor esi, esi
2:
    xor r10d, r10d
1:
    mov rcx, [rbx+r10*8+0x100]
    mov rax, [rbx+rsi*8]
    mov rdx, rax
    mov r9, rax
    mov r11, rax
    xor r12d, r12d
    xor r13d, r13d
    cmp rax, r10
    shl rax, cl
    setc r12b
    seto r13b
    fold rax
    foldflags
    fold r12
    fold r13
    add edx, esi
    shr edx, cl
    jnc 3f
    inc r15
3:
    fold rdx
    foldflags
    test r9, r9
    sar r9, cl
    cmovs r12, r9
    fold r9
    fold r12
    foldflags
    inc r11d
    sar r11d, cl
    adc r11, 0
    fold r11
    foldflags
    mov rax, [rbx+rsi*8]
    sub eax, r10d
    shl eax, cl
    fold rax
    foldflags
    mov rdx, [rbx+rsi*8]
    xor edx, 0x5a
    shr rdx, cl
    foldflags
    fold rdx
    mov rax, [rbx+rsi*8]
    add rax, rax
    shr rax, cl
    sar eax, cl
    foldflags
    fold rax
    mov rdx, [rbx+rsi*8]
    shl rdx, 1
    shl edx, cl
    jo 4f
    inc r15
4:
    foldflags
    fold rdx
    inc r10
    cmp r10, 11
    jb 1b
    inc rsi
    cmp rsi, 9
    jb 2b
    mov [rbx+0x800], r15
    hlt
