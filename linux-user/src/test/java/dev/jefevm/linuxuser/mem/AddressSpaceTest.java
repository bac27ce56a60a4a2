package dev.jefevm.linuxuser.mem;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

class AddressSpaceTest {

    private final PhysicalMemory memory = new PhysicalMemory(16 << 20);
    private final FrameAllocator frames = new FrameAllocator(memory);
    private final AddressSpace space = new AddressSpace(memory, frames);
    private static final long A = 0x40_0000;
    private static final long P = AddressSpace.PAGE;

    @Test
    void fault_insideArea_mapsAZeroPage() {
        space.map(A, A + 4 * P, Vma.READ | Vma.WRITE, "anon");

        boolean resolved = space.handleFault(A + P + 8, true, false);

        assertAll(() -> assertTrue(resolved), () -> assertEquals(0, space.read64(A + P + 8)));
    }

    @Test
    void fault_outsideAnyArea_isASegfault() {
        assertFalse(space.handleFault(A, false, false));
    }

    @Test
    void fault_writeToReadOnlyArea_isASegfault() {
        space.map(A, A + P, Vma.READ, "ro");

        assertFalse(space.handleFault(A, true, false));
    }

    @Test
    void fault_fetchFromNonExecutableArea_isASegfault() {
        space.map(A, A + P, Vma.READ | Vma.WRITE, "data");

        assertFalse(space.handleFault(A, false, true));
    }

    @Test
    void kernelWrite_toReadOnlyArea_isAGuestFault() {
        space.map(A, A + P, Vma.READ, "ro");

        assertThrows(GuestFault.class, () -> space.write64(A, 1));
    }

    @Test
    void unmap_middle_splitsTheAreaAndFreesItsPages() {
        space.map(A, A + 3 * P, Vma.READ | Vma.WRITE, "anon");
        space.write64(A + P, 7);
        long used = frames.inUse();

        space.unmap(A + P, A + 2 * P);

        assertAll(() -> assertNull(space.areaAt(A + P)), () -> assertEquals(A, space.areaAt(A).start()),
                () -> assertEquals(A + 2 * P, space.areaAt(A + 2 * P).start()),
                () -> assertEquals(used - 1, frames.inUse()));
    }

    @Test
    void protect_noneThenReadable_keepsTheData() {
        space.map(A, A + P, Vma.READ | Vma.WRITE, "anon");
        space.write64(A, 0x1234);

        space.protect(A, A + P, 0);
        boolean readWhileNone = space.handleFault(A, false, false);
        space.protect(A, A + P, Vma.READ);

        assertAll(() -> assertFalse(readWhileNone), () -> assertEquals(0x1234, space.read64(A)));
    }

    @Test
    void protect_unmappedRange_fails() {
        assertFalse(space.protect(A, A + P, Vma.READ));
    }

    @Test
    void findFree_skipsAreasFromTheTopDown() {
        long first = space.findFree(2 * P);
        space.map(first, first + 2 * P, Vma.READ, "a");

        long second = space.findFree(P);

        assertAll(() -> assertEquals(AddressSpace.MMAP_TOP - 2 * P, first), () -> assertEquals(first - P, second));
    }

    @Test
    void brk_growsAndShrinksTheHeap() {
        space.initBrk(A);

        long grown = space.setBrk(A + 3 * P + 5);
        space.write64(A + 3 * P, 9);
        long shrunk = space.setBrk(A + P);

        assertAll(() -> assertEquals(A + 3 * P + 5, grown), () -> assertEquals(A + P, shrunk),
                () -> assertNull(space.areaAt(A + 2 * P)), () -> assertEquals(A, space.areaAt(A).start()));
    }

    @Test
    void brk_belowStart_leavesTheBreak() {
        space.initBrk(A);

        assertEquals(A, space.setBrk(0));
    }

    @Test
    void copy_isIndependentOfTheOriginal() {
        space.map(A, A + P, Vma.READ | Vma.WRITE, "anon");
        space.write64(A, 1);

        AddressSpace child = space.copy();
        child.write64(A, 2);

        assertAll(() -> assertEquals(1, space.read64(A)), () -> assertEquals(2, child.read64(A)));
    }

    @Test
    void move_carriesThePagesToTheNewAddress() {
        space.map(A, A + P, Vma.READ | Vma.WRITE, "anon");
        space.write(A, new byte[] {1, 2, 3}, 0, 3);

        space.move(A, P, 2 * A, 2 * P);
        byte[] b = new byte[3];
        space.read(2 * A, b, 0, 3);

        assertAll(() -> assertArrayEquals(new byte[] {1, 2, 3}, b), () -> assertNull(space.areaAt(A)),
                () -> assertEquals(2 * A + 2 * P, space.areaAt(2 * A).end()));
    }

    @Test
    void destroy_returnsEveryFrame() {
        long before = frames.inUse();
        AddressSpace other = new AddressSpace(memory, frames);
        other.map(A, A + 8 * P, Vma.READ | Vma.WRITE, "anon");
        other.write64(A, 1);
        other.write64(A + 7 * P, 1);

        other.destroy();

        assertEquals(before, frames.inUse());
    }

    @Test
    void readString_stopsAtNul() {
        space.map(A, A + P, Vma.READ | Vma.WRITE, "anon");
        space.write(A, "hi\0there".getBytes(), 0, 8);

        assertEquals("hi", space.readString(A, 100));
    }

    /** Takes every free frame of {@code allocator}. */
    private static void exhaust(FrameAllocator allocator) {
        while (allocator.allocate() >= 0) {
            // keep taking
        }
    }

    @Test
    void fault_withGuestRamExhausted_throwsGuestMemoryExhausted() {
        space.map(A, A + 4 * P, Vma.READ | Vma.WRITE, "anon");
        space.handleFault(A, true, false); // page tables now exist; the next page needs one frame
        exhaust(frames);

        assertThrows(GuestMemoryExhausted.class, () -> space.handleFault(A + P, true, false));
    }

    @Test
    void copy_withGuestRamExhausted_givesBackWhatItTook() {
        PhysicalMemory small = new PhysicalMemory(1 << 20);
        FrameAllocator few = new FrameAllocator(small);
        AddressSpace parent = new AddressSpace(small, few);
        parent.map(A, A + 160 * P, Vma.READ | Vma.WRITE, "anon");
        for (long va = A; va < A + 160 * P; va += P) {
            parent.handleFault(va, true, false);
        }
        long inUse = few.inUse();

        assertThrows(GuestMemoryExhausted.class, parent::copy);

        assertEquals(inUse, few.inUse());
    }
}
