.intel_syntax noprefix
    mov rax, cr4
    or eax, 0x200
    mov cr4, rax
    mov rbx, 0x40000
    mov rax, 0x1122334455667788
    mov [rbx], rax
    mov rax, 0x99aabbccddeeff00
    mov [rbx+8], rax
    mov [rbx+0xff8], rax
    mov [rbx+0x1000], rax
    mov ecx, 20
1:
    movups xmm0, [rbx]
    movaps xmm1, xmm0
    movdqu [rbx+rcx*8+0x100], xmm1
    movdqa xmm2, [rbx]
    paddq xmm2, xmm0
    movaps [rbx+0x200], xmm2
    movntdq [rbx+0x210], xmm2
    movupd xmm3, [rbx+0xffb]
    movdqu [rbx+0xff4], xmm3
    movapd xmm4, xmm3
    movdqu xmm5, [rbx+rcx*4+0x100]
    movq rax, xmm5
    add r8, rax
    movups [rbx+0x220], xmm4
    movdqa [rbx+0x230], xmm5
    dec ecx
    jnz 1b
    movq rax, xmm2
    hlt
