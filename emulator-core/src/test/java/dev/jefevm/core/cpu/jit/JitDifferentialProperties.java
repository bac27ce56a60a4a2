package dev.jefevm.core.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.UserModeTraps;
import dev.jefevm.core.cpu.system.ControlRegisters;
import dev.jefevm.core.cpu.system.Msrs;
import dev.jefevm.core.cpu.system.Segments;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.BarePlatform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * The JIT against its oracle, the interpreter: random guest programs (ALU operations on
 * registers, immediates and memory, loads and stores, PUSH/POP, short forward branches, loops
 * with bounded trip counts, direct and indirect CALL/RET, self-modifying stores into the code
 * page, and faults: #PF on an unmapped or read-only page, also mid-loop and on a store that
 * straddles into an unmapped page, #DE, #UD, INT3) run once on the interpreter and once on the
 * JIT (threshold 1, compiling on the vCPU thread) from the same state. Both must end with the
 * same registers, RIP, RFLAGS, retired-instruction count, delivered exception and memory (page
 * tables with their A/D bits, code, data and stack). Programs come from a fixed jqwik seed, so
 * the build checks the same programs every time; a failure names the program's seed and bytes.
 */
class JitDifferentialProperties {

    /** Compile at the first entry, on this thread: every block entered runs compiled. */
    private static final JitOptions EAGER_JIT = new JitOptions(1, JitOptions.DEFAULT_CODE_CACHE_BYTES, false);

    @Property(tries = 400, seed = "20261126", shrinking = ShrinkingMode.OFF, generation = GenerationMode.RANDOMIZED)
    void randomProgram_onTheJit_endsInTheInterpretersState(@ForAll long programSeed) {
        byte[] code = JitDifferentialPrograms.generate(new Random(programSeed));
        Guest interpreted = new Guest(code, programSeed, null);
        Guest compiled = new Guest(code, programSeed, EAGER_JIT);

        Outcome expected = interpreted.run();
        Outcome actual = compiled.run();

        Statistics.collect(expected.ending().replaceAll(" error.*", "")); // "syscall", "exception 14"...
        String context = "program seed " + programSeed + ", code " + HexFormat.of().formatHex(code);
        assertEquals(List.of(), expected.differences(actual), context);
        JitStats stats = compiled.cpu.jitStats();
        assertNotNull(stats, "the CPU did not switch to the JIT");
        assertTrue(stats.unitsCompiled() > 0, () -> "the JIT compiled nothing: " + stats.format());
    }

    @Example
    void selfModifyingLoop_onTheJit_seesEachIterationsNewCode() {
        // mov r15d, 5; top: add rax, 0 (its imm8 patched below); inc byte [rip - 7] (that imm8);
        // dec r15; jnz top; syscall: RAX ends at 0+1+2+3+4 only if every iteration sees the last patch.
        byte[] code = HexFormat.of().parseHex("41bf05000000" + "4883c000" + "fe05f9ffffff" + "49ffcf" + "75f1" + "0f05");
        Guest interpreted = new Guest(code, 1, null);
        Guest compiled = new Guest(code, 1, EAGER_JIT);
        interpreted.state.gpr[CpuState.RAX] = 0;
        compiled.state.gpr[CpuState.RAX] = 0;

        Outcome expected = interpreted.run();
        Outcome actual = compiled.run();

        assertEquals(0 + 1 + 2 + 3 + 4, expected.gpr()[CpuState.RAX]);
        assertEquals(List.of(), expected.differences(actual));
        assertTrue(compiled.cpu.jitStats() != null && compiled.cpu.jitStats().invalidations() > 0,
                "the code writes invalidated no translation");
    }

    /** How a run ended and everything it left behind. */
    record Outcome(String ending, long[] gpr, long rip, long rflags, long retired, byte[] memory) {

        /** What differs between this (the interpreter's) outcome and {@code jit}'s, one line each. */
        List<String> differences(Outcome jit) {
            List<String> d = new ArrayList<>();
            if (!ending.equals(jit.ending)) {
                d.add("ending: interpreter " + ending + ", jit " + jit.ending);
            }
            for (int i = 0; i < 16; i++) {
                if (gpr[i] != jit.gpr[i]) {
                    d.add(String.format("r%d: interpreter %016x, jit %016x", i, gpr[i], jit.gpr[i]));
                }
            }
            if (rip != jit.rip) {
                d.add(String.format("rip: interpreter %x, jit %x", rip, jit.rip));
            }
            if (rflags != jit.rflags) {
                d.add(String.format("rflags: interpreter %x, jit %x", rflags, jit.rflags));
            }
            if (retired != jit.retired) {
                d.add("retired instructions: interpreter " + retired + ", jit " + jit.retired);
            }
            for (int i = 0, shown = 0; i < memory.length && shown < 8; i++) {
                if (memory[i] != jit.memory[i]) {
                    d.add(String.format("memory %x: interpreter %02x, jit %02x", Guest.SNAPSHOT_PAGES[i >> 12] + (i & 0xFFF),
                            memory[i] & 0xFF, jit.memory[i] & 0xFF));
                    shown++;
                }
            }
            return d;
        }
    }

    /**
     * One guest at CPL 3 in 64-bit mode with 4 KiB pages, identity-mapped: the code page, two
     * data pages (RBP points at the first), a stack page (RSP in its middle) and a read-only
     * page; the page below the data and the one after it are not mapped. A host-side kernel
     * ({@link UserModeTraps}) ends the run at the SYSCALL closing the program or at the first
     * exception.
     */
    static final class Guest implements UserModeTraps {

        static final long CODE = 0x10000, DATA = 0x20000, STACK = 0x30000, READ_ONLY = 0x41000;
        static final long DATA_SIZE = 0x2000;
        /** Unmapped: the page after the data pages and the page before them. */
        static final long UNMAPPED_AFTER_DATA = DATA + DATA_SIZE, UNMAPPED = 0x40000;
        private static final long PML4 = 0x1000, PDPT = 0x2000, PD = 0x3000, PT = 0x4000;
        /** The pages compared after a run: page tables, code, data, stack. */
        static final long[] SNAPSHOT_PAGES = {PML4, PDPT, PD, PT, CODE, DATA, DATA + 0x1000, STACK};
        private static final long USER_RW = 7, USER_READ_ONLY = 5; // SDM Vol.3 4.5, table 4-19: P, R/W, U/S
        private static final long SLICE = 4096, MAX_SLICES = 64;

        final PhysicalMemory memory = new PhysicalMemory(1 << 20);
        final CpuState state = new CpuState();
        final VirtualClock clock = VirtualClock.deterministic();
        final Cpu cpu = new Cpu(state, memory, new BarePlatform(clock));
        private String ending = "";

        Guest(byte[] code, long seed, JitOptions jit) {
            memory.write64(PML4, PDPT | USER_RW);
            memory.write64(PDPT, PD | USER_RW);
            memory.write64(PD, PT | USER_RW);
            for (long page : new long[] {CODE, DATA, DATA + 0x1000, STACK}) {
                memory.write64(PT + 8 * (page >>> 12), page | USER_RW);
            }
            memory.write64(PT + 8 * (READ_ONLY >>> 12), READ_ONLY | USER_READ_ONLY);
            byte[] page = new byte[4096];
            Arrays.fill(page, (byte) 0xCC); // INT3 past the program's end
            System.arraycopy(code, 0, page, 0, code.length);
            memory.writeBytes(CODE, page, 0, page.length);
            Random r = new Random(~seed);
            byte[] data = new byte[(int) DATA_SIZE + 4096];
            r.nextBytes(data);
            memory.writeBytes(DATA, data, 0, (int) DATA_SIZE);
            memory.writeBytes(STACK, data, (int) DATA_SIZE, 4096);
            memory.writeBytes(READ_ONLY, data, 0, 4096);
            enterUserMode(r);
            cpu.setUserModeTraps(this);
            if (jit != null) {
                cpu.useJit(jit);
            }
        }

        private void enterUserMode(Random r) {
            CpuState s = state;
            for (int i = 0; i < 16; i++) {
                s.gpr[i] = JitDifferentialPrograms.interestingValue(r);
            }
            s.gpr[CpuState.RBP] = DATA;
            s.gpr[CpuState.RSP] = STACK + 0x800;
            s.rip = CODE;
            Flags.set(s, (r.nextLong() & CpuState.ARITH_FLAGS) | 2 | CpuState.IF);
            s.cr0 = ControlRegisters.CR0_PE | ControlRegisters.CR0_MP | ControlRegisters.CR0_ET
                    | ControlRegisters.CR0_NE | ControlRegisters.CR0_WP | ControlRegisters.CR0_PG;
            s.cr4 = ControlRegisters.CR4_PAE | ControlRegisters.CR4_OSFXSR | ControlRegisters.CR4_OSXMMEXCPT;
            s.cr3 = PML4;
            s.efer = Msrs.EFER_LME | Msrs.EFER_LMA | Msrs.EFER_NXE | Msrs.EFER_SCE;
            s.cpl = 3;
            s.segSelector[CpuState.CS] = 0x33;
            s.segAttributes[CpuState.CS] = Segments.USER_CODE64;
            for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES, CpuState.FS, CpuState.GS}) {
                s.segSelector[seg] = seg == CpuState.SS ? 0x2B : 0;
                s.segAttributes[seg] = Segments.USER_DATA;
            }
            cpu.mmu.flushAll();
            cpu.invalidateAllCode();
        }

        /** Runs to the closing SYSCALL, the first exception, or the slice limit; a host exception is an ending too. */
        Outcome run() {
            try {
                for (long slice = 0; slice < MAX_SLICES && ending.isEmpty(); slice++) {
                    cpu.run(SLICE);
                }
                if (ending.isEmpty()) {
                    ending = "still running after " + SLICE * MAX_SLICES + " instructions";
                }
            } catch (RuntimeException e) {
                ending = "host exception " + e;
            }
            byte[] snapshot = new byte[SNAPSHOT_PAGES.length * 4096];
            for (int i = 0; i < SNAPSHOT_PAGES.length; i++) {
                memory.readBytes(SNAPSHOT_PAGES[i], snapshot, i * 4096, 4096);
            }
            return new Outcome(ending, state.gpr.clone(), state.rip, Flags.get(state), clock.retiredInstructions(),
                    snapshot);
        }

        @Override
        public void systemCall(Cpu c) {
            ending = "syscall";
            c.requestStop();
        }

        @Override
        public void exception(Cpu c, CpuFault f) {
            ending = String.format("exception %d error %x address %x%s", f.vector,
                    f.hasErrorCode() ? f.errorCode : 0, f.faultAddress, f.software ? " (software)" : "");
            c.requestStop();
        }
    }
}
