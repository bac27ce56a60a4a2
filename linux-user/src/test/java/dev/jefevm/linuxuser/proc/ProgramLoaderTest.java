package dev.jefevm.linuxuser.proc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.mem.FrameAllocator;
import dev.jefevm.linuxuser.mem.Vma;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramLoaderTest {

    private final PhysicalMemory memory = new PhysicalMemory(16 << 20);
    private final AddressSpace space = new AddressSpace(memory, new FrameAllocator(memory));

    private long buildStack() {
        space.map(ProgramLoader.STACK_TOP - ProgramLoader.STACK_SIZE, ProgramLoader.STACK_TOP, Vma.READ | Vma.WRITE, "s");
        return ProgramLoader.buildStack(space, List.of("prog", "arg"), List.of("A=1"), "/bin/prog", new byte[16],
                new long[] {ProgramLoader.AT_PAGESZ, 4096, ProgramLoader.AT_ENTRY, 0x401000});
    }

    @Test
    void stack_isSixteenByteAlignedAtArgc() {
        assertEquals(0, buildStack() & 15);
    }

    @Test
    void stack_holdsArgcArgvEnvpInAbiOrder() {
        long rsp = buildStack();

        assertAll(() -> assertEquals(2, space.read64(rsp)),
                () -> assertEquals("prog", space.readString(space.read64(rsp + 8), 100)),
                () -> assertEquals("arg", space.readString(space.read64(rsp + 16), 100)),
                () -> assertEquals(0, space.read64(rsp + 24)),
                () -> assertEquals("A=1", space.readString(space.read64(rsp + 32), 100)),
                () -> assertEquals(0, space.read64(rsp + 40)));
    }

    @Test
    void auxv_carriesGivenEntriesAndExecfnPlatformRandom() {
        long rsp = buildStack();
        Map<Long, Long> aux = new HashMap<>();
        for (long at = rsp + 48; ; at += 16) {
            long type = space.read64(at);
            if (type == ProgramLoader.AT_NULL) {
                break;
            }
            aux.put(type, space.read64(at + 8));
        }

        assertAll(() -> assertEquals(4096L, aux.get((long) ProgramLoader.AT_PAGESZ)),
                () -> assertEquals(0x401000L, aux.get((long) ProgramLoader.AT_ENTRY)),
                () -> assertEquals("/bin/prog", space.readString(aux.get((long) ProgramLoader.AT_EXECFN), 100)),
                () -> assertEquals("x86_64", space.readString(aux.get((long) ProgramLoader.AT_PLATFORM), 100)),
                () -> assertEquals(0, space.read64(aux.get((long) ProgramLoader.AT_RANDOM) + 8), "16 random bytes"));
    }
}
