package dev.jefevm.core.cpu.jit;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.invoke.MethodHandles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link CompiledUnit} from a {@link CodeSnapshot}: decodes the trace, generates its class
 * (halving the trace until the method stays under HotSpot's huge-method limit, so C2 compiles
 * it) and defines it as a hidden class of this package. Hidden classes defined without
 * {@code STRONG} are not held by the class loader: a unit nobody references can be unloaded.
 */
final class UnitFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UnitFactory.class);

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final JitContext context;

    /** A factory of units for the CPU of {@code context}, whose {@link JitContext#constants()} become their class data. */
    UnitFactory(JitContext context) {
        this.context = context;
    }

    /** The unit for {@code rip} from the sealed snapshot {@code code}, or null if its first instruction is not translatable. */
    CompiledUnit create(CodeSnapshot code, long rip) {
        TraceBuilder builder = new TraceBuilder();
        int max = JitEngine.MAX_TRACE;
        while (true) {
            Trace trace = builder.build(code, rip, max);
            if (trace == null) {
                return null;
            }
            UnitCompiler.Output out;
            try {
                out = UnitCompiler.compile(trace);
            } catch (IllegalArgumentException tooLong) {
                out = null; // over the class file's 64 KiB method limit: shorter trace
            }
            if (out != null && (runCodeLength(out.bytes()) <= UnitCompiler.MAX_CODE_BYTES || max == 1)) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("unit {}: {} instructions, executor calls: {}", Long.toHexString(rip), trace.size(),
                            executorCalls(trace));
                }
                return define(trace, out, context);
            }
            if (max == 1) {
                return null;
            }
            max /= 2;
        }
    }

    /** The generated class and trace without defining it: what the golden tests print. */
    static UnitCompiler.Output generate(byte[] page, long rip, long phys, int max) {
        CodeSnapshot code = new CodeSnapshot(new CodeSnapshot.Page(rip & -4096L, phys & -4096L, page, 0), null, 0, true);
        Trace trace = new TraceBuilder().build(code, rip, max);
        return trace == null ? null : UnitCompiler.compile(trace);
    }

    /** The instructions of {@code trace} without native code, as "op/size@rip" (the profile of what to generate next). */
    private static String executorCalls(Trace trace) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < trace.size(); i++) {
            if (!NativeSupport.isNative(trace.insns[i], trace.rips[i])) {
                sb.append(trace.insns[i].op).append('/').append(trace.insns[i].opSize).append('@')
                        .append(Long.toHexString(trace.rips[i])).append(' ');
            }
        }
        return sb.toString();
    }

    static int runCodeLength(byte[] bytes) {
        for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
            if (m.methodName().equalsString("run")) {
                return m.findAttribute(Attributes.code()).orElseThrow().codeLength();
            }
        }
        throw new IllegalStateException("generated unit has no run method");
    }

    private static CompiledUnit define(Trace trace, UnitCompiler.Output out, JitContext context) {
        CompiledUnit u;
        try {
            Class<?> c = LOOKUP.defineHiddenClassWithClassData(out.bytes(), context.constants(), true).lookupClass();
            u = (CompiledUnit) c.getDeclaredConstructor(dev.jefevm.core.cpu.decode.Instruction[].class)
                    .newInstance((Object) trace.insns);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define a generated unit", e);
        }
        u.linearStart = trace.linearStart;
        u.physStart = trace.physStart;
        u.frame = (int) (trace.physStart >>> 12);
        u.generation = trace.pages.get(0).generation();
        int extra = trace.pages.size() - 1;
        u.extraLinear = new long[extra];
        u.extraFrame = new int[extra];
        u.extraGeneration = new int[extra];
        for (int k = 0; k < extra; k++) {
            CodeSnapshot.Page p = trace.pages.get(k + 1);
            u.extraLinear[k] = p.linear();
            u.extraFrame[k] = (int) (p.phys() >>> 12);
            u.extraGeneration[k] = p.generation();
        }
        u.instructionCount = trace.size();
        u.codeBytes = out.bytes().length;
        u.exitRips = out.exitRips();
        u.exitUnits = new CompiledUnit[out.exitRips().length];
        u.exitKeys = new int[out.exitRips().length];
        u.callSites = out.callSites();
        u.siteTarget = new long[out.callSites().length];
        u.siteRepeats = new int[out.callSites().length];
        return u;
    }
}
