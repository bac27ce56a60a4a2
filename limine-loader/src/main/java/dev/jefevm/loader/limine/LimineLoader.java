package dev.jefevm.loader.limine;

import dev.jefevm.core.cpu.CpuState;

/**
 * Boots an ELF64 kernel through the Limine boot protocol (base revisions 0-3): loads its
 * segments, answers its requests and puts the CPU in the protocol's entry state.
 */
public final class LimineLoader {

    private LimineLoader() {
    }

    /** Loads {@code elf} into {@code env.memory()} and sets {@code cpu} to the entry state. */
    public static LoadedKernel load(byte[] elf, BootEnvironment env, CpuState cpu) throws KernelLoadException {
        throw new KernelLoadException("the Limine loader is not built yet");
    }
}
