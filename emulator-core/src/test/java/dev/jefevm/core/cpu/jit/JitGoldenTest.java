package dev.jefevm.core.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden "expect" tests: the bytecode generated for a few small guest snippets, printed
 * instruction by instruction, must match emulator-core/src/test/resources/jit-golden/NAME.txt,
 * so every change to code generation shows up as a reviewed diff. Regenerate with
 * {@code -Djit.golden.update=true}.
 */
class JitGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/jit-golden");

    @ParameterizedTest
    @CsvSource({
        "dec-jnz, b900c2eb0b48ffc975fbf4",
        "add-store-loop, b9640000004801c848894308ffc975f5f4",
        "call-ret, b96400000031c0e80e000000488d150b000000ffd2ffc975eef44801c8c34883f05ac3",
        "adc-imul, 4983d2034c6bf807f4",
        "helper-bsf, 480fbcc1f4",
        "compare-setb-sbb-ret, 488b0f488b1631c04839ca0f92c04839d183d800c3",
        "movups-copy, 0f10060f1107f4",
        "shift-cl-rotate-bt-bswap, 48d3e0c1c205480fa3c80f92c0480fcaf4",
    })
    void compile_snippet_producesTheReviewedBytecode(String name, String hex) throws IOException {
        byte[] page = new byte[4096];
        byte[] code = HexFormat.of().parseHex(hex);
        System.arraycopy(code, 0, page, 0, code.length);

        String printed = print(UnitFactory.generate(page, JitTestMachine.CODE, JitTestMachine.CODE, JitEngine.MAX_TRACE));

        Path file = DIR.resolve(name + ".txt");
        if (Boolean.getBoolean("jit.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, printed, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), printed);
    }

    /** The run method's code, one element a line, labels numbered in order of appearance. */
    static String print(UnitCompiler.Output out) {
        StringBuilder sb = new StringBuilder();
        sb.append("exits:");
        for (long rip : out.exitRips()) {
            sb.append(" 0x").append(Long.toHexString(rip));
        }
        sb.append('\n');
        if (out.callSites().length > 0) {
            sb.append("call sites:");
            for (long rip : out.callSites()) {
                sb.append(" 0x").append(Long.toHexString(rip));
            }
            sb.append('\n');
        }
        Map<Label, Integer> names = new HashMap<>();
        for (MethodModel m : ClassFile.of().parse(out.bytes()).methods()) {
            if (!m.methodName().equalsString("run")) {
                continue;
            }
            CodeModel code = m.code().orElseThrow();
            for (CodeElement e : code) {
                if (e instanceof LabelTarget lt) {
                    sb.append("L").append(names.computeIfAbsent(lt.label(), k -> names.size())).append(":\n");
                } else if (e instanceof BranchInstruction b) {
                    sb.append("    ").append(b.opcode().name().toLowerCase()).append(" L")
                            .append(names.computeIfAbsent(b.target(), k -> names.size())).append('\n');
                } else if (e instanceof ExceptionCatch c) {
                    sb.append("    catch ").append(label(names, c.tryStart())).append("-").append(label(names, c.tryEnd()))
                            .append(" -> ").append(label(names, c.handler())).append('\n');
                } else if (e instanceof Instruction i) {
                    sb.append("    ").append(compact(i)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String label(Map<Label, Integer> names, Label l) {
        return "L" + names.computeIfAbsent(l, k -> names.size());
    }

    /** One instruction as javap would show it, with owners by simple name: "lload 15", "getfield JitContext.state". */
    private static String compact(Instruction i) {
        String op = i.opcode().name().toLowerCase();
        return switch (i) {
            case LoadInstruction l -> op.contains("_") ? op : op + " " + l.slot();
            case StoreInstruction st -> op.contains("_") ? op : op + " " + st.slot();
            case IncrementInstruction inc -> op + " " + inc.slot() + " " + inc.constant();
            case ConstantInstruction c -> op.contains("const_") ? op : op + " " + c.constantValue();
            case FieldInstruction f -> op + " " + f.owner().asSymbol().displayName() + "." + f.name().stringValue();
            case InvokeInstruction m -> op + " " + m.owner().asSymbol().displayName() + "." + m.name().stringValue()
                    + m.type().stringValue();
            default -> op;
        };
    }
}
