package dev.jefevm.devices.apic;

/**
 * The saved state of a {@link LocalApic}: IA32_APIC_BASE, every software-visible register, the
 * IRR/ISR/TMR vector bitmaps (four 64-bit words each, lowest vectors first), the six LVT entries
 * (timer, thermal, performance, LINT0, LINT1, error), the LINT pin levels, the pending NMI and
 * ExtINT requests, and the timer.
 */
public record LocalApicState(long apicBase, int id, int tpr, int ldr, int dfr, int svr, int esr, int pendingErrors,
        int icrLow, int icrHigh, long[] irr, long[] isr, long[] tmr, int[] lvt, boolean[] lintLevels,
        boolean nmiPending, boolean extIntPending, ApicTimerState timer) {

    public LocalApicState {
        irr = irr.clone();
        isr = isr.clone();
        tmr = tmr.clone();
        lvt = lvt.clone();
        lintLevels = lintLevels.clone();
    }

    @Override
    public long[] irr() {
        return irr.clone();
    }

    @Override
    public long[] isr() {
        return isr.clone();
    }

    @Override
    public long[] tmr() {
        return tmr.clone();
    }

    @Override
    public int[] lvt() {
        return lvt.clone();
    }

    @Override
    public boolean[] lintLevels() {
        return lintLevels.clone();
    }
}
