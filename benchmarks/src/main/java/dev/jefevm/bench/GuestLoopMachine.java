package dev.jefevm.bench;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.BarePlatform;

/**
 * A bare machine for measuring the CPU alone: 16 MiB of RAM, identity-mapped with 2 MiB pages,
 * the CPU in 64-bit long mode at ring 0, and a guest compute loop at {@link #CODE_BASE} that
 * mixes ALU operations, an LEA, a load, a store, a shift, a compare and two conditional branches
 * (13 instructions per iteration, one taken branch most of the time). No devices.
 */
public final class GuestLoopMachine {

    public static final long CODE_BASE = 0x10000;
    public static final long DATA_BASE = 0x100000;
    private static final long PML4 = 0x1000, PDPT = 0x2000, PD = 0x3000;

    /**
     * The loop, assembled with GNU as from:
     * <pre>
     * top:   mov rcx, 1000000
     * loop1: add rax, rbx ; xor rbx, rax ; lea rdx, [rax+rbx*2+7] ; mov [rsi+8], rdx
     *        add rdi, [rsi+8] ; shr rdx, 3 ; and rdx, 0xff ; cmp rdx, 0x80 ; jb skip ; inc r8
     * skip:  dec rcx ; jnz loop1 ; jmp top
     * </pre>
     */
    static final byte[] LOOP = bytes(
            0x48, 0xc7, 0xc1, 0x40, 0x42, 0x0f, 0x00, 0x48, 0x01, 0xd8, 0x48, 0x31,
            0xc3, 0x48, 0x8d, 0x54, 0x58, 0x07, 0x48, 0x89, 0x56, 0x08, 0x48, 0x03,
            0x7e, 0x08, 0x48, 0xc1, 0xea, 0x03, 0x48, 0x81, 0xe2, 0xff, 0x00, 0x00,
            0x00, 0x48, 0x81, 0xfa, 0x80, 0x00, 0x00, 0x00, 0x72, 0x03, 0x49, 0xff,
            0xc0, 0x48, 0xff, 0xc9, 0x75, 0xd1, 0xeb, 0xc8);

    private final Cpu cpu;

    public GuestLoopMachine() {
        PhysicalMemory memory = new PhysicalMemory(16L << 20);
        buildIdentityMap(memory);
        memory.writeBytes(CODE_BASE, LOOP, 0, LOOP.length);
        CpuState s = new CpuState();
        enterLongMode(s);
        s.rip = CODE_BASE;
        s.gpr[CpuState.RSP] = DATA_BASE + 0x10000;
        s.gpr[CpuState.RSI] = DATA_BASE;
        s.gpr[CpuState.RBX] = 0x1234_5678_9ABCL;
        this.cpu = new Cpu(s, memory, new BarePlatform(VirtualClock.deterministic()));
    }

    public Cpu cpu() {
        return cpu;
    }

    /** Runs {@code instructions} guest instructions and returns how many retired. */
    public long run(long instructions) {
        long before = cpu.platform.clock().retiredInstructions();
        cpu.run(instructions);
        return cpu.platform.clock().retiredInstructions() - before;
    }

    private static void buildIdentityMap(PhysicalMemory m) {
        long present = 1, writable = 2, large = 0x80;
        m.write64(PML4, PDPT | present | writable);
        m.write64(PDPT, PD | present | writable);
        for (int i = 0; i < 512; i++) {
            m.write64(PD + 8L * i, ((long) i << 21) | present | writable | large);
        }
    }

    /** The state a 64-bit kernel runs in: paging with PAE and LMA, a 64-bit code segment. */
    static void enterLongMode(CpuState s) {
        s.cr0 = 0x8005_0033L;              // PG, WP, NE, ET, MP, PE
        s.cr3 = PML4;
        s.cr4 = 0x620;                     // PAE, OSFXSR, OSXMMEXCPT
        s.efer = 0xD00;                    // NXE, LMA, LME
        s.segSelector[CpuState.CS] = 0x28;
        s.segAttributes[CpuState.CS] = 0x29B; // P, DPL0, code exec/read accessed; L (bit 53)
        for (int seg : new int[] {CpuState.DS, CpuState.ES, CpuState.SS}) {
            s.segSelector[seg] = 0x30;
            s.segAttributes[seg] = 0xC93;   // P, DPL0, data read/write accessed; G, D/B
        }
        s.segLimit[CpuState.CS] = -1;
        s.cpl = 0;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
