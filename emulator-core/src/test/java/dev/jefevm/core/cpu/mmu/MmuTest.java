package dev.jefevm.core.cpu.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MmuTest {

    private static final long P = 1, RW = 2, US = 4, PS = 0x80, G = 0x100, XD = 1L << 63, A = 0x20, D = 0x40;
    private static final long PML4 = 0x1000, PDPT = 0x2000, PD = 0x3000, PT = 0x4000;
    private static final long CR0_PG_PE_WP = (1L << 31) | 1 | (1 << 16);

    private final PhysicalMemory memory = new PhysicalMemory(6 << 20);
    private final CpuState state = new CpuState();
    private final Mmu mmu = new Mmu(state, memory);

    /** PML4[0] -> PDPT, PDPT[0] -> PD, PD[0] -> PT: linear 0x0-0x1FFFFF through 4 KiB pages, all with {@code upper} flags. */
    private void pagingWith(long upper) {
        memory.write64(PML4, PDPT | upper);
        memory.write64(PDPT, PD | upper);
        memory.write64(PD, PT | upper);
        state.cr3 = PML4;
        state.cr4 = (1 << 5) | (1 << 7); // PAE, PGE
        state.efer = (1 << 8) | (1 << 10) | (1 << 11); // LME, LMA, NXE
        state.cr0 = CR0_PG_PE_WP;
        mmu.flushAll();
    }

    private CpuFault pageFault(Runnable access) {
        CpuFault f = assertThrows(CpuFault.class, access::run);
        assertEquals(CpuFault.PF, f.vector);
        return f;
    }

    @Test
    void translate_pagingOff_isIdentity() {
        assertEquals(0x12345L, mmu.translate(0x12345, Mmu.WRITE));
    }

    @Test
    void translate_fourKilobytePage_mapsToFrame() {
        pagingWith(P | RW | US);
        memory.write64(PT + 5 * 8, 0x200000 | P | RW);

        assertEquals(0x200ABCL, mmu.translate(0x5ABC, Mmu.READ));
    }

    @Test
    void translate_twoMegabytePage_usesBits20To0OfLinear() {
        pagingWith(P | RW | US);
        memory.write64(PDPT + 8, PD | P | RW); // linear 1 GiB..2 GiB through the same PD
        memory.write64(PD + 8, 0x400000 | P | RW | PS);

        assertEquals(0x4ABCDEL, mmu.translate(0x4000_0000L + 0x2ABCDE, Mmu.READ));
    }

    @Test
    void translate_oneGigabytePage_usesBits29To0OfLinear() {
        pagingWith(P | RW | US);
        memory.write64(PML4 + 8 * 511, PDPT | P | RW);
        memory.write64(PDPT + 8 * 510, P | RW | PS); // frame 0: kernel-style -2 GiB mapping

        assertEquals(0x12_3456L, mmu.translate(0xFFFF_FFFF_8012_3456L, Mmu.READ));
    }

    @Test
    void read_setsAccessedOnEveryLevelButNotDirty() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);

        mmu.read8(0x1000);

        assertEquals(A, memory.read64(PML4) & A);
        assertEquals(A, memory.read64(PDPT) & A);
        assertEquals(A, memory.read64(PD) & A);
        assertEquals(A, memory.read64(PT + 8) & (A | D));
    }

    @Test
    void write_afterRead_setsDirtyThroughTheTlb() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        mmu.read8(0x1000); // fills the read entry only

        mmu.write8(0x1000, 0x5A);

        assertEquals(A | D, memory.read64(PT + 8) & (A | D));
        assertEquals(0x5A, memory.read8(0x200000));
    }

    @Test
    void dirty_onTwoMegabytePage_isSetInThePde() {
        pagingWith(P | RW | US);
        memory.write64(PD + 8, 0x400000 | P | RW | PS);

        mmu.write32(0x200010, 7);

        assertEquals(A | D, memory.read64(PD + 8) & (A | D));
    }

    @Test
    void notPresent_readAtCpl0_hasErrorCodeZeroAndAddress() {
        pagingWith(P | RW | US);

        CpuFault f = pageFault(() -> mmu.read8(0x7123));

        assertEquals(0, f.errorCode);
        assertEquals(0x7123L, f.faultAddress);
    }

    @Test
    void notPresent_userWrite_reportsWriteAndUser() {
        pagingWith(P | RW | US);
        state.cpl = 3;

        assertEquals(Mmu.PF_W | Mmu.PF_U, pageFault(() -> mmu.write8(0x7000, 1)).errorCode);
    }

    @Test
    void readOnlyPage_supervisorWriteWithWp_faultsWithPresentAndWrite() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P);

        assertEquals(Mmu.PF_P | Mmu.PF_W, pageFault(() -> mmu.write8(0x1000, 1)).errorCode);
    }

    @Test
    void readOnlyPage_supervisorWriteWithoutWp_succeeds() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P);
        state.cr0 &= ~(1L << 16);

        mmu.write8(0x1000, 0x77);

        assertEquals(0x77, memory.read8(0x200000));
    }

    @Test
    void supervisorPage_userRead_faultsWithPresentAndUser() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        state.cpl = 3;

        assertEquals(Mmu.PF_P | Mmu.PF_U, pageFault(() -> mmu.read8(0x1000)).errorCode);
    }

    @Test
    void userPage_supervisorAccess_isAllowedWithoutSmap() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW | US);

        mmu.write8(0x1000, 1);

        assertEquals(1, memory.read8(0x200000));
    }

    @Test
    void noExecutePage_fetch_faultsWithInstructionFetchBit() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW | XD);

        assertEquals(Mmu.PF_P | Mmu.PF_I, pageFault(() -> mmu.translate(0x1000, Mmu.FETCH)).errorCode);
    }

    @Test
    void noExecuteBit_withNxeClear_isReservedBitFault() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW | XD);
        state.efer &= ~(1L << 11);
        mmu.flushAll();

        assertEquals(Mmu.PF_P | Mmu.PF_RSVD, pageFault(() -> mmu.read8(0x1000)).errorCode);
    }

    @Test
    void physicalAddressAboveMaxPhys_isReservedBitFault() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, (1L << 45) | P | RW);

        assertEquals(Mmu.PF_P | Mmu.PF_RSVD | Mmu.PF_W, pageFault(() -> mmu.write8(0x1000, 0)).errorCode);
    }

    @Test
    void nonCanonicalAddress_raisesGeneralProtectionZero() {
        pagingWith(P | RW | US);

        CpuFault f = assertThrows(CpuFault.class, () -> mmu.read64(0x0000_8000_0000_0000L));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, f.errorCode);
    }

    @Test
    void tlb_keepsStaleMappingUntilCr3Flush() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        mmu.read8(0x1000);
        memory.write64(PT + 8, 0x300000 | P | RW);

        long stale = mmu.translate(0x1000, Mmu.READ);
        mmu.flushNonGlobal();
        long fresh = mmu.translate(0x1000, Mmu.READ);

        assertEquals(0x200000L, stale);
        assertEquals(0x300000L, fresh);
    }

    @Test
    void globalEntry_survivesCr3FlushButNotInvlpg() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW | G);
        mmu.read8(0x1000);
        memory.write64(PT + 8, 0x300000 | P | RW | G);

        mmu.flushNonGlobal();
        long afterCr3 = mmu.translate(0x1000, Mmu.READ);
        mmu.flushPage(0x1FFF);
        long afterInvlpg = mmu.translate(0x1000, Mmu.READ);

        assertEquals(0x200000L, afterCr3);
        assertEquals(0x300000L, afterInvlpg);
    }

    @Test
    void cr3Flush_afterMoreFillsThanTheTlbTracks_stillDropsTheStaleEntryAndKeepsTheGlobalOne() {
        // INVLPG and a refill, over and over: every refill lists its slot again, so the list of
        // filled slots overflows and the flush must fall back to walking the whole TLB
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        memory.write64(PT + 16, 0x210000 | P | RW | G);
        for (int n = 0; n < 60_000; n++) {
            mmu.flushPage(0x1000);
            mmu.read8(0x1000);
        }
        mmu.read8(0x2000);
        memory.write64(PT + 8, 0x300000 | P | RW);
        memory.write64(PT + 16, 0x310000 | P | RW | G);

        mmu.flushNonGlobal();
        long afterFirst = mmu.translate(0x1000, Mmu.READ);
        long globalAfterFirst = mmu.translate(0x2000, Mmu.READ);
        memory.write64(PT + 8, 0x400000 | P | RW);
        mmu.flushNonGlobal();

        assertEquals(0x300000L, afterFirst);
        assertEquals(0x210000L, globalAfterFirst);
        assertEquals(0x400000L, mmu.translate(0x1000, Mmu.READ));
        assertEquals(0x210000L, mmu.translate(0x2000, Mmu.READ));
    }

    @Test
    void invlpg_insideTwoMegabytePage_dropsEveryCachedPartOfIt() {
        pagingWith(P | RW | US);
        memory.write64(PD + 8, 0x400000 | P | RW | PS);
        mmu.read8(0x205000);
        memory.write64(PD + 8, 0x600000 | P | RW | PS);

        mmu.flushPage(0x200000);

        assertEquals(0x605000L, mmu.translate(0x205000, Mmu.READ));
    }

    @Test
    void crossPageWrite_secondPageReadOnly_faultsWithoutWritingFirstPage() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        memory.write64(PT + 16, 0x300000 | P);

        CpuFault f = pageFault(() -> mmu.write32(0x1FFE, 0xAABBCCDD));

        assertEquals(0x2000L, f.faultAddress);
        assertEquals(0, memory.read16(0x200FFE));
    }

    @Test
    void crossPageRead_joinsBytesFromTwoFrames() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        memory.write64(PT + 16, 0x500000 | P | RW);
        memory.write8(0x200FFF, 0x11);
        memory.write8(0x500000, 0x22);

        assertEquals(0x2211, mmu.read16(0x1FFF));
    }

    @Test
    void write_toCodePage_notifiesCodeWriteListener() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        List<Long> written = new ArrayList<>();
        memory.setCodeWriteListener(written::add);
        mmu.write8(0x1000, 0); // TLB write entry filled before the page becomes code
        memory.markCodePage(0x200);

        mmu.write64(0x1008, 1);

        assertTrue(written.contains(0x200L));
    }

    @Test
    void supervisorRead_atCpl3_ignoresUserBit() {
        pagingWith(P | RW | US);
        memory.write64(PT + 8, 0x200000 | P | RW);
        memory.write64(0x200000, 0x1122334455667788L);
        state.cpl = 3;

        assertEquals(0x1122334455667788L, mmu.readSupervisor64(0x1000));
    }
}
