package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.GuestLayout;
import dev.jefevm.core.cpu.CpuState;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * System instructions as user code sees them at CPL 3 under Linux: privileged ones raise #GP(0)
 * (HLT, CLI/STI with IOPL 0, port I/O without an I/O bitmap, LGDT LIDT LLDT LTR LMSW CLTS INVLPG
 * WBINVD INVD, MOV to/from CR and DR, RDMSR WRMSR SWAPGS SYSRET, RDPMC with CR4.PCE clear), far
 * RET and IRETQ to CPL 0 raise #GP(selector), invalid ones #UD (UD0 UD1 UD2, INTO in 64-bit mode),
 * INT n follows Linux's IDT (#BP and #OF gates DPL 3, the rest #GP(n*8+2)), INT3 traps with
 * RIP after it; allowed ones are compared in full: SMSW/SLDT/STR (Linux emulates them
 * under UMIP with the values real hardware gives for m16/r16), POPF/PUSHF of IF and IOPL, far
 * JMP/CALL m16:32, far RET and IRETQ to CPL 3, RDGSBASE/WRGSBASE, and RDTSC twice (the later
 * count is larger).
 *
 * <p>Compared only in part (the report's "not comparable" column gives the reason): RDTSC/RDTSCP
 * (RAX, RDX and RCX hold time stamps and the host's TSC_AUX), CPUID (JefeVM describes a
 * different CPU by design; it must still complete), RDFSBASE (the host's FS base is the oracle's
 * own TLS), SMSW to a 32/64-bit register (Linux's emulation answers 0x33, the real CR0 has WP
 * and PG too). Not generated: WRFSBASE (it would break the oracle's TLS), SGDT/SIDT (Linux
 * answers with fixed fake bases), XGETBV (the host has OSXSAVE, JefeVM does not), LAR/LSL/
 * VERR/VERW (not implemented in JefeVM), INT 0x80 (a real 32-bit system call on the host), and
 * far JMP/CALL m16:64 with REX.W (AMD ignores REX.W there, Intel reads an 8-byte offset), and
 * INT1/ICEBP (F1): the host is a KVM guest on AMD and reports its #DB with RIP at the F1, where
 * SDM Vol.2 INT1 makes it a trap with RIP after it, as JefeVM does (SystemExecutorTest covers it).
 */
@AddLifecycleHook(DifferentialSupport.class)
class SystemProperties {

    private static final int RAX = 1, RCX = 1 << 1, RDX = 1 << 2, RBX = 1 << 3;
    private static final int USER_CS = 0x33, USER_DS = 0x2B, KERNEL_CS = 0x10;
    private static final int STACK = (int) (GuestLayout.DEFAULT_RSP - GuestLayout.DATA_BASE);

    @Property(shrinking = ShrinkingMode.OFF)
    void privilegedInstruction_matchesHost(@ForAll("privileged") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void interruptOrInvalid_matchesHost(@ForAll("interrupts") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void userSystemInstruction_matchesHost(@ForAll("allowed") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void farTransfer_matchesHost(@ForAll("farTransfers") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> privileged() {
        return DifferentialSupport.replayable(SystemProperties::privilegedCase);
    }

    @Provide
    Arbitrary<CpuCase> interrupts() {
        return DifferentialSupport.replayable(SystemProperties::interruptCase);
    }

    @Provide
    Arbitrary<CpuCase> allowed() {
        return DifferentialSupport.replayable(SystemProperties::allowedCase);
    }

    @Provide
    Arbitrary<CpuCase> farTransfers() {
        return DifferentialSupport.replayable(SystemProperties::farTransferCase);
    }

    /** One privileged instruction, executed at CPL 3: #GP(0) on both sides. */
    private static CpuCase privilegedCase(Random r) {
        Case c = new Case(r, Family.SYSTEM);
        int reg = r.nextInt(16);
        switch (r.nextInt(15)) {
            case 0 -> c.bytes(0xF4).describe("HLT");
            case 1 -> c.bytes(Values.pick(r, 0xFA, 0xFB)).describe("CLI/STI");
            case 2 -> c.bytes(Values.pick(r, 0xE4, 0xE5, 0xE6, 0xE7), r.nextInt(256)).describe("IN/OUT imm8");
            case 3 -> {
                c.gpr[CpuState.RDX] = Values.pick(r, 0x80, 0x3F8, 0xCF8, r.nextInt(0x10000));
                c.gpr[CpuState.RSI] = GuestLayout.DATA_BASE + Encoder.MEMORY_OFFSET;
                c.gpr[CpuState.RDI] = GuestLayout.DATA_BASE + Encoder.MEMORY_OFFSET;
                if (r.nextBoolean()) {
                    c.bytes(0xF3); // REP: the permission check comes before any iteration
                }
                c.bytes(Values.pick(r, 0xEC, 0xED, 0xEE, 0xEF, 0x6C, 0x6D, 0x6E, 0x6F)).describe("IN/OUT/INS/OUTS DX");
            }
            case 4 -> {
                // LGDT /2, LIDT /3, INVLPG /7 (memory only); LMSW /6 (register or memory)
                int ext = Values.pick(r, 2, 3, 6, 7);
                Encoder.Rm m = ext == 6 && r.nextBoolean() ? Encoder.register(reg)
                        : Encoder.memory(c, Encoder.baseRegister(c), Encoder.MEMORY_OFFSET);
                Encoder.emit(c, 4, false, new int[] {0x0F, 0x01}, ext, m);
                c.describe("0F 01 /" + ext + " (LGDT LIDT LMSW INVLPG)");
            }
            case 5 -> {
                // LLDT /2, LTR /3
                int ext = Values.pick(r, 2, 3);
                Encoder.Rm m = r.nextBoolean() ? Encoder.register(reg)
                        : Encoder.memory(c, Encoder.baseRegister(c), Encoder.MEMORY_OFFSET);
                Encoder.emit(c, 4, false, new int[] {0x0F, 0x00}, ext, m);
                c.describe("0F 00 /" + ext + " (LLDT LTR)");
            }
            case 6 -> c.bytes(0x0F, 0x06).describe("CLTS");
            case 7 -> c.bytes(0x0F, Values.pick(r, 0x08, 0x09)).describe("INVD/WBINVD");
            case 8 -> {
                // MOV r64, CRn / CRn, r64: CR0 CR2 CR3 CR4 CR8 (REX.R selects CR8)
                int cr = Values.pick(r, 0, 2, 3, 4, 8);
                c.bytes(0x40 | (cr >= 8 ? 4 : 0) | (reg >= 8 ? 1 : 0), 0x0F, Values.pick(r, 0x20, 0x22),
                        0xC0 | (cr & 7) << 3 | (reg & 7));
                c.describe("MOV to/from CR" + cr);
            }
            case 9 -> {
                int dr = Values.pick(r, 0, 1, 2, 3, 6, 7);
                c.bytes(0x0F, Values.pick(r, 0x21, 0x23), 0xC0 | dr << 3 | (reg & 7)).describe("MOV to/from DR" + dr);
            }
            case 10 -> {
                c.gpr[CpuState.RCX] = pickLong(r, 0x10, 0x1B, 0xC000_0080L, 0xC000_0100L, r.nextInt());
                c.bytes(0x0F, Values.pick(r, 0x30, 0x32)).describe("WRMSR/RDMSR");
            }
            case 11 -> c.bytes(0x0F, 0x01, 0xF8).describe("SWAPGS");
            case 12 -> {
                if (r.nextBoolean()) {
                    c.bytes(0x48);
                }
                c.bytes(0x0F, 0x07).describe("SYSRET");
            }
            case 13 -> {
                // SDM Vol.2 RDPMC: #GP(0) at CPL 3 when CR4.PCE is clear (Linux leaves it clear for
                // a process that has not mapped a perf event)
                c.gpr[CpuState.RCX] = pickLong(r, 0, 1, 0x4000_0000L);
                c.bytes(0x0F, 0x33).describe("RDPMC");
            }
            default -> {
                // far RET to CPL 0: #GP with the selector as error code (SDM Vol.2 RET, protected mode)
                c.poke(STACK, GuestLayout.CODE_BASE, 8);
                c.poke(STACK + 8, Values.pick(r, KERNEL_CS, 0x08), 8);
                c.bytes(0x48, 0xCB).describe("REX.W RET FAR to CPL 0");
            }
        }
        return c.build();
    }

    /** INT n (Linux's IDT), INT3, INTO and the UD opcodes. */
    private static CpuCase interruptCase(Random r) {
        Case c = new Case(r, Family.SYSTEM);
        switch (r.nextInt(6)) {
            case 0, 1 -> {
                int n = r.nextInt(256);
                if (n == 0x80) {
                    n = Values.pick(r, 3, 4, 0x81); // INT 0x80 is a real system call on the host
                }
                c.bytes(0xCD, n).describe(String.format("INT %02x", n));
            }
            case 2 -> c.bytes(0xCC).describe("INT3");
            case 3 -> {
                int n = Values.pick(r, 1, 3, 4); // the #DB gate is DPL 0, #BP and #OF are DPL 3
                c.bytes(0xCD, n).describe(String.format("INT %02x", n));
            }
            case 4 -> c.bytes(0xCE).describe("INTO");
            default -> {
                int kind = r.nextInt(3);
                int modrm = r.nextInt(256) | 0xC0; // register forms: nothing is read before the #UD
                if (kind == 0) {
                    c.bytes(0x0F, 0x0B).describe("UD2");
                } else {
                    c.bytes(0x0F, kind == 1 ? 0xFF : 0xB9, modrm).describe(kind == 1 ? "UD0" : "UD1");
                }
            }
        }
        // a few instructions before it, so the fault's RIP is not the start of the page
        return prefixed(c).build();
    }

    private static Case prefixed(Case c) {
        byte[] body = c.code.toByteArray();
        c.code.reset();
        for (int i = c.random.nextInt(3); i > 0; i--) {
            c.bytes(0x48, 0xFF, 0xC0); // INC RAX
        }
        c.undefinedFlags = 0;
        return c.bytes(body);
    }

    /** Instructions user code may execute. */
    private static CpuCase allowedCase(Random r) {
        Case c = new Case(r, Family.SYSTEM);
        int reg = r.nextInt(16);
        if (reg == 4) {
            reg = 0;
        }
        switch (r.nextInt(9)) {
            case 0 -> {
                // SMSW /4, SLDT /0, STR /1 to m16 or r16: Linux emulates them under UMIP with the
                // values hardware gives (CR0 low word 33: PE MP ET NE; LDTR and TR 0)
                int kind = r.nextInt(3);
                int[] opcode = kind == 0 ? new int[] {0x0F, 0x01} : new int[] {0x0F, 0x00};
                int ext = kind == 0 ? 4 : kind - 1;
                Encoder.Rm m = r.nextBoolean() ? Encoder.register(reg)
                        : Encoder.memory(c, Encoder.baseRegister(c), Encoder.MEMORY_OFFSET);
                Encoder.emit(c, 2, false, opcode, ext, m);
                c.describe(new String[] {"SMSW", "SLDT", "STR"}[kind] + (m.memory() ? " m16" : " r16"));
            }
            case 1 -> {
                Encoder.emit(c, Values.pick(r, 4, 8), false, new int[] {0x0F, 0x01}, 4, Encoder.register(reg));
                return exclude(c.describe("SMSW r32/r64").build(), 1 << reg,
                        "SMSW r32/r64: Linux's UMIP emulation answers 0x33, CR0 also has WP and PG");
            }
            case 2 -> {
                // POPF of IF and IOPL at CPL 3 with IOPL 0: both silently kept (SDM Vol.2 POPF)
                long system = r.nextLong() & (1L << 9 | 3L << 12);
                c.poke(STACK, (r.nextLong() & 0xCD5) | system | 2, 8);
                c.bytes(0x9D, 0x9C).describe(String.format("POPF %x; PUSHF", system));
            }
            case 3 -> {
                // RDTSC twice: EDX:EAX moves forward; only the comparison's outcome (BL) is compared
                c.bytes(rdtscInto(r)).bytes(0x48, 0x89, 0xC6); // MOV RSI, RAX
                c.bytes(rdtscInto(r));
                c.bytes(0x48, 0x39, 0xF0, 0x0F, 0x97, 0xC3); // CMP RAX, RSI; SETA BL
                // XOR EAX,EAX; XOR EDX,EDX; XOR ESI,ESI; XOR ECX,ECX (RDTSCP's TSC_AUX)
                c.bytes(0x31, 0xC0, 0x31, 0xD2, 0x31, 0xF6, 0x31, 0xC9);
                c.undefinedFlags = 0x10; // AF after XOR
                c.describe("RDTSC twice: the second count is larger");
            }
            case 4 -> {
                boolean withAux = r.nextBoolean();
                c.bytes(0x0F, withAux ? 0x01 : 0x31);
                if (withAux) {
                    c.bytes(0xF9);
                }
                return exclude(c.describe(withAux ? "RDTSCP" : "RDTSC").build(), RAX | RDX | (withAux ? RCX : 0),
                        "RDTSC/RDTSCP: RAX, RDX hold the time stamp, RCX the host's TSC_AUX");
            }
            case 5 -> {
                c.gpr[CpuState.RAX] = pickLong(r, 0, 1, 4, 7, 0xB, 0xD, 0x8000_0000L, 0x8000_0001L, r.nextInt());
                c.gpr[CpuState.RCX] = Values.pick(r, 0, 1, r.nextInt());
                c.bytes(0x0F, 0xA2);
                return exclude(c.describe("CPUID").build(), RAX | RBX | RCX | RDX,
                        "CPUID: JefeVM describes its own CPU by design (it must still complete)");
            }
            case 6 -> {
                // WRGSBASE then RDGSBASE into another register, then GS base 0 again (the
                // host keeps it across cases); a non-canonical 64-bit value is #GP(0)
                boolean wide = r.nextBoolean();
                int source = reg, target = Values.pick(r, 1, 2, 3, 5, 6, 7, 9, 13);
                c.gpr[source] = pickLong(r, 0L, 0x1234_5678L, 0x7FFF_FFFF_F000L, 0x0000_8000_0000_0000L,
                        0xFFFF_8000_0000_0000L, -1L, c.gpr[source]);
                fsgs(c, wide, 3, source); // WRGSBASE
                fsgs(c, r.nextBoolean(), 1, target); // RDGSBASE
                c.bytes(0x50, 0x31, 0xC0); // PUSH RAX; XOR EAX, EAX
                fsgs(c, true, 3, 0);
                c.bytes(0x58); // POP RAX
                c.undefinedFlags = 0x10;
                c.describe("WRGSBASE; RDGSBASE; WRGSBASE 0");
            }
            case 7 -> {
                fsgs(c, r.nextBoolean(), 0, reg);
                return exclude(c.describe("RDFSBASE").build(), 1 << reg,
                        "RDFSBASE: the host's FS base is the oracle's own thread-local storage");
            }
            default -> {
                fsgs(c, r.nextBoolean(), 1, reg);
                c.describe("RDGSBASE (0 on both sides)");
            }
        }
        return c.build();
    }

    /** RDTSC (or RDTSCP) followed by SHL RDX, 32; OR RAX, RDX: the 64-bit count in RAX. */
    private static byte[] rdtscInto(Random r) {
        return r.nextBoolean() ? new byte[] {0x0F, 0x31, 0x48, (byte) 0xC1, (byte) 0xE2, 0x20, 0x48, 0x09, (byte) 0xD0}
                : new byte[] {0x0F, 0x01, (byte) 0xF9, 0x48, (byte) 0xC1, (byte) 0xE2, 0x20, 0x48, 0x09, (byte) 0xD0};
    }

    /** F3 [REX] 0F AE /ext with a register operand: RDFSBASE 0, RDGSBASE 1, WRFSBASE 2, WRGSBASE 3. */
    private static void fsgs(Case c, boolean wide, int ext, int reg) {
        c.bytes(0xF3);
        int rex = (wide ? 8 : 0) | (reg >= 8 ? 1 : 0);
        if (rex != 0) {
            c.bytes(0x40 | rex);
        }
        c.bytes(0x0F, 0xAE, 0xC0 | ext << 3 | (reg & 7));
    }

    /** Far JMP/CALL m16:32 to the user CS, far RET and IRETQ to CPL 3 or (#GP) CPL 0. */
    private static CpuCase farTransferCase(Random r) {
        Case c = new Case(r, Family.SYSTEM);
        int selector = Values.pick(r, USER_CS, USER_CS, USER_CS, KERNEL_CS, 0x08, 0x18, USER_DS, 0, 0x83, 0x40,
                USER_CS & ~3, r.nextInt(0x80), r.nextInt(0x10000));
        if ((selector & 0xFFF8) == 0x20) {
            // the user CS32 would succeed into compatibility mode, where the two sides' ways of
            // ending a case (a far JMP on the host, SYSCALL here) are different programs
            selector = USER_CS;
        }
        int skip = 3 * r.nextInt(3);
        switch (r.nextInt(4)) {
            case 0, 1 -> {
                // FF /5 (JMP) or FF /3 (CALL) m16:32: 4-byte offset, then the selector
                boolean call = r.nextBoolean();
                Encoder.Rm m = Encoder.memory(c, Encoder.baseRegister(c), Encoder.MEMORY_OFFSET);
                int length = 3 + (m.reg() >= 8 ? 1 : 0);
                c.poke(Encoder.MEMORY_OFFSET, GuestLayout.CODE_BASE + length + skip, 4);
                c.poke(Encoder.MEMORY_OFFSET + 4, selector, 2);
                if (m.reg() >= 8) {
                    c.bytes(0x41);
                }
                c.bytes(0xFF);
                Encoder.modrm(c, call ? 3 : 5, m);
                c.describe(String.format("%s m16:32 to %x", call ? "CALL FAR" : "JMP FAR", selector));
            }
            case 2 -> {
                // RET FAR (CB, 4-byte slots) or REX.W RET FAR (8-byte slots)
                boolean wide = r.nextBoolean();
                int slot = wide ? 8 : 4;
                int length = wide ? 2 : 1;
                c.poke(STACK, GuestLayout.CODE_BASE + length + skip, slot);
                c.poke(STACK + slot, selector, slot);
                if (wide) {
                    c.bytes(0x48);
                }
                c.bytes(0xCB);
                c.describe(String.format("RET FAR%s to %x", wide ? " (REX.W)" : "", selector));
            }
            default -> {
                // IRETQ: RIP, CS, RFLAGS (arithmetic flags and DF only: TF or AC would change the run), RSP, SS
                int ss = Values.pick(r, USER_DS, USER_DS, USER_DS, 0x18, 0, USER_CS);
                c.poke(STACK, GuestLayout.CODE_BASE + 2 + skip, 8);
                c.poke(STACK + 8, selector, 8);
                c.poke(STACK + 16, (r.nextLong() & (0xCD5 | 1L << 9 | 3L << 12)) | 2, 8);
                c.poke(STACK + 24, GuestLayout.DEFAULT_RSP - 0x100, 8);
                c.poke(STACK + 32, ss, 8);
                c.bytes(0x48, 0xCF);
                c.describe(String.format("IRETQ to %x:rip, ss %x", selector, ss));
            }
        }
        for (int i = 0; i < skip; i += 3) {
            c.bytes(0x48, 0xFF, 0xC0); // INC RAX, jumped over
        }
        return c.build();
    }

    private static long pickLong(Random r, long... options) {
        return options[r.nextInt(options.length)];
    }

    private static CpuCase exclude(CpuCase c, int gprs, String reason) {
        return new CpuCase(c.family(), c.description(), c.code(), c.gpr(), c.rflags(), c.mxcsr(), c.xmm(), c.x87(),
                c.dataSeed(), c.patches(), c.undefinedFlags(), c.undefinedFpuStatus(), gprs, reason);
    }
}
