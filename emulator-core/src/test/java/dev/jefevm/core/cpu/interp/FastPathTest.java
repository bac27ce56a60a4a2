package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Each specialised {@link FastPath} form, run by the interpreter's loop, must do exactly what
 * the generic {@link IntegerExecutor} does: same registers, same six arithmetic flags, same memory.
 */
class FastPathTest {

    /** Encoding (hex) and the form it must get. RBX points into RAM for the memory forms. */
    private static final Object[][] CASES = {
        {"4889d8", FastPath.MOV_RR}, {"89d8", FastPath.MOV_RR},
        {"48c7c1f0ffffff", FastPath.MOV_RI}, {"b9f0ffffff", FastPath.MOV_RI}, {"48b8efcdab8967452301", FastPath.MOV_RI},
        {"488b4308", FastPath.MOV_LOAD}, {"8b4308", FastPath.MOV_LOAD},
        {"48894308", FastPath.MOV_STORE}, {"894308", FastPath.MOV_STORE},
        {"488d545807", FastPath.LEA}, {"8d545807", FastPath.LEA},
        {"4801d8", FastPath.ADD_RR}, {"01d8", FastPath.ADD_RR}, {"4883c0ff", FastPath.ADD_RI},
        {"4881c000000080", FastPath.ADD_RI}, {"83c001", FastPath.ADD_RI}, {"48034308", FastPath.ADD_RM}, {"034308", FastPath.ADD_RM},
        {"4829d8", FastPath.SUB_RR}, {"29d8", FastPath.SUB_RR}, {"4883e805", FastPath.SUB_RI}, {"482b4308", FastPath.SUB_RM},
        {"4839d8", FastPath.CMP_RR}, {"39d8", FastPath.CMP_RR}, {"4883f880", FastPath.CMP_RI}, {"483b4308", FastPath.CMP_RM},
        {"4821d8", FastPath.AND_RR}, {"4883e0f0", FastPath.AND_RI}, {"25ff000000", FastPath.AND_RI}, {"48234308", FastPath.AND_RM},
        {"4809d8", FastPath.OR_RR}, {"4883c801", FastPath.OR_RI}, {"0b4308", FastPath.OR_RM},
        {"4831d8", FastPath.XOR_RR}, {"31c0", FastPath.XOR_RR}, {"4883f07f", FastPath.XOR_RI}, {"48334308", FastPath.XOR_RM},
        {"4885d8", FastPath.TEST_RR}, {"85d8", FastPath.TEST_RR}, {"48f7c000800000", FastPath.TEST_RI},
        {"48ffc0", FastPath.INC_R}, {"ffc0", FastPath.INC_R}, {"48ffc9", FastPath.DEC_R}, {"ffc9", FastPath.DEC_R},
        {"48c1ea03", FastPath.SHR_RI}, {"c1ea1f", FastPath.SHR_RI}, {"c1ea00", FastPath.SHR_RI},
        {"48c1e23f", FastPath.SHL_RI}, {"c1e201", FastPath.SHL_RI}, {"48c1e040", FastPath.SHL_RI},
        {"48c1fa05", FastPath.SAR_RI}, {"c1fa07", FastPath.SAR_RI}, {"c1fa00", FastPath.SAR_RI},
    };

    private final TestMachine fast = new TestMachine();
    private final TestMachine generic = new TestMachine();

    @Test
    void classify_frequentShapes_getTheirSpecialisedForm() {
        for (Object[] c : CASES) {
            assertEquals((int) c[1], FastPath.classify(decode((String) c[0])), (String) c[0]);
        }
    }

    @Test
    void classify_byteOperandsAndMemoryDestinations_takeTheGenericPaths() {
        assertEquals(FastPath.INTEGER, FastPath.classify(decode("88d8")));       // mov al, bl
        assertEquals(FastPath.BINARY, FastPath.classify(decode("66 01d8")));     // add ax, bx
        assertEquals(FastPath.BINARY, FastPath.classify(decode("48 014308")));   // add [rbx+8], rax
        assertEquals(FastPath.INTEGER, FastPath.classify(decode("48 d3ea")));    // shr rdx, cl
    }

    @Property(tries = 300)
    void execute_everyForm_matchesTheGenericExecutor(@ForAll long rax, @ForAll long rcx, @ForAll long rdx,
                                                     @ForAll long memory, @ForAll int flags, @ForAll boolean lazyAdd) {
        for (Object[] c : CASES) {
            Instruction insn = decode((String) c[0]);
            arrange(fast, rax, rcx, rdx, memory, flags, lazyAdd);
            arrange(generic, rax, rcx, rdx, memory, flags, lazyAdd);
            fast.code((String) c[0]);

            fast.run(1);
            generic.state.rip = TestMachine.CODE + insn.length;
            IntegerExecutor.execute(generic.cpu, insn);

            String what = (String) c[0];
            assertArrayEquals(generic.state.gpr, fast.state.gpr, what);
            assertEquals(Flags.get(generic.state), Flags.get(fast.state), what);
            assertEquals(generic.memory.read64(TestMachine.DATA + 8), fast.memory.read64(TestMachine.DATA + 8), what);
        }
    }

    /** Random registers and memory; flags either materialised or left lazily by an ADD (so INC/DEC must derive CF). */
    private static void arrange(TestMachine m, long rax, long rcx, long rdx, long memory, int flags, boolean lazyAdd) {
        m.resetLongMode();
        m.state.gpr[CpuState.RAX] = rax;
        m.state.gpr[CpuState.RCX] = rcx;
        m.state.gpr[CpuState.RDX] = rdx;
        m.state.gpr[CpuState.RBX] = TestMachine.DATA;
        m.memory.write64(TestMachine.DATA + 8, memory);
        Flags.set(m.state, flags);
        if (lazyAdd) {
            m.state.lazyOp = Flags.ADD;
            m.state.lazySize = 8;
            m.state.lazyDst = rax;
            m.state.lazySrc = rcx;
            m.state.lazyResult = rax + rcx;
        }
    }

    private static Instruction decode(String hex) {
        byte[] bytes = TestMachine.hex(hex);
        Decoder.CodeSource source = address -> bytes[(int) address] & 0xFF;
        return new Decoder().decode(source, 0);
    }
}
