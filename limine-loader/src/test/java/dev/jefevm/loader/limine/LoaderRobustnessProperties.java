package dev.jefevm.loader.limine;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.loader.elf.ElfBuilder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive as a kernel, loading ends in a {@link LoadedKernel} or a
 * {@link KernelLoadException}: no other exception escapes.
 */
class LoaderRobustnessProperties {

    private static final PhysicalMemory MEMORY = new PhysicalMemory(8L << 20);

    private static void loadOrRefuse(byte[] elf) {
        BootEnvironment env = new BootEnvironment(MEMORY, MEMORY.ramSize(), TestBoard.FIRMWARE, TestBoard.FRAMEBUFFER,
                TestBoard.RSDP, "", List.of(new BootModule("/m", "", new byte[3])), 0);
        try {
            LimineLoader.load(elf, env, new CpuState());
        } catch (KernelLoadException refused) {
            // the only acceptable failure
        }
    }

    @Property(tries = 300, seed = "20261126")
    void arbitraryBytes_loadOrAreRefused(@ForAll @Size(max = 512) byte[] bytes) {
        loadOrRefuse(bytes);
    }

    @Property(tries = 1000, seed = "20261126")
    void mutatedKernel_loadsOrIsRefused(@ForAll("mutations") List<Tuple.Tuple2<Integer, Byte>> mutations) {
        byte[] elf = validKernel();
        for (Tuple.Tuple2<Integer, Byte> m : mutations) {
            elf[Math.floorMod(m.get1(), elf.length)] = m.get2();
        }
        loadOrRefuse(elf);
    }

    @Property(tries = 300, seed = "20261126")
    void mutatedHeaderWords_loadOrAreRefused(@ForAll("headerWords") List<Tuple.Tuple2<Integer, Long>> words) {
        byte[] elf = validKernel();
        for (Tuple.Tuple2<Integer, Long> w : words) {
            // Overwrite whole 64-bit fields of the file and program headers with extreme values.
            int at = Math.floorMod(w.get1(), (64 + 56 * 3) / 8) * 8;
            ElfBuilder.putLong(elf, at, w.get2());
        }
        loadOrRefuse(elf);
    }

    private static byte[] validKernel() {
        RequestImage data = new RequestImage();
        data.startMarker();
        data.baseRevision(3);
        for (Feature f : Feature.values()) {
            data.request(f, 1, 0, 0, 0);
        }
        data.endMarker();
        return ElfBuilder.kernelWithData(data.bytes()).build();
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> mutations() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.bytes()).as(Tuple::of).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Long>>> headerWords() {
        Arbitrary<Long> extreme = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFF_FFFF_8000_0000L, 1L << 32, 0x1000L));
        return Combinators.combine(Arbitraries.integers(), extreme).as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
    }
}
