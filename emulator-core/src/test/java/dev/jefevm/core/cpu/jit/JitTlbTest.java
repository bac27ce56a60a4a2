package dev.jefevm.core.cpu.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.mmu.Mmu;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Compiled code tests the software TLB with its own bytecode: the slot it computes must be the
 * MMU's, or every inline access would miss (and still run correctly, only slowly, so no
 * differential test would notice).
 */
class JitTlbTest {

    @Test
    void emittedTlbIndex_isMmuTlbIndex() throws Throwable {
        byte[] bytes = ClassFile.of().build(ClassDesc.of("dev.jefevm.core.cpu.jit.TlbIndexProbe"), clb ->
                clb.withMethodBody("index", MethodTypeDesc.of(CD_int, CD_long), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        code -> {
                            InstructionEmitter.tlbIndex(code, 0);
                            code.ireturn();
                        }));
        MethodHandles.Lookup probe = MethodHandles.lookup().defineHiddenClass(bytes, true);
        MethodHandle index = probe.findStatic(probe.lookupClass(), "index", MethodType.methodType(int.class, long.class));
        SplittableRandom random = new SplittableRandom(5);

        for (int n = 0; n < 100_000; n++) {
            long linear = n < 50_000 ? random.nextLong() : random.nextLong(1L << 48);
            assertEquals(Mmu.tlbIndex(linear), (int) index.invokeExact(linear), Long.toHexString(linear));
        }
        assertEquals(Mmu.tlbIndex(0x7FFF_FFFF_F000L), (int) index.invokeExact(0x7FFF_FFFF_F000L));
    }
}
