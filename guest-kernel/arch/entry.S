/* arch/entry: the kernel entry point the Limine loader jumps to (ELF e_entry).
 * Contract: 64-bit mode, interrupts off, a loader stack with return address 0 (Limine
 * protocol, "Machine state at entry"). We report boot milestone 1 on the boot-timing port
 * first thing, switch to our own 64 KiB stack in .bss (so nothing depends on where the loader
 * put its stack once we load our own page tables; an unmapped guard page sits below it) and
 * call kmain, which never returns. */
    .section .text.entry, "ax"
    .global _start
    .type _start, @function
_start:
    mov $0x440, %dx          /* board boot-timing port: milestone 1 = kernel entry */
    mov $1, %al
    outb %al, %dx
    cld
    lea boot_stack_top(%rip), %rsp
    xor %ebp, %ebp
    call kmain
1:  cli
    hlt
    jmp 1b
    .size _start, . - _start

    /* The page below the stack stays unmapped in JefeOS's own page tables (see
     * mm/VirtualMemoryManager.cpp): an overflow faults (#PF on IST2) instead of silently
     * overwriting other .bss data. */
    .section .bss
    .balign 4096
    .global boot_stack_guard
boot_stack_guard:
    .skip 4096
boot_stack:
    .skip 65536
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
