package dev.jefevm.devices.pci;

import java.util.Arrays;

/**
 * Function 0 of the Intel 82371SB PIIX3, the PCI-to-ISA bridge at 00:01.0 (82371SB datasheet,
 * PCI-to-ISA bridge configuration registers): vendor 8086h, device 7000h, class 06/01/00, Header Type 80h (multifunction), PCICMD
 * 0007h, PCISTS 0200h. Of its device-specific registers only the PIRQ Route Control registers
 * PIRQRC[A:D] at 60h-63h are modelled: bits 3:0 name the ISA IRQ, bit 7 IRQROUTEN
 * disables the route (power-on 80h), bits 6:4 are reserved and read zero. IRQs 0, 1, 2, 8 and 13
 * are reserved values, which route nowhere. The ELCR belongs to the interrupt controller model.
 */
public final class Piix3IsaBridge implements PciFunction {

    static final int DEVICE_82371SB_ISA = 0x7000;
    static final int CLASS_ISA_BRIDGE = 0x06_01_00;
    private static final int POWER_ON_COMMAND = 0x0007, POWER_ON_STATUS = 0x0200;

    /** Offset of PIRQRCA; B, C and D follow. */
    static final int PIRQ_ROUTE_CONTROL = 0x60;
    /** Number of PCI interrupt inputs, PIRQA#..PIRQD#. */
    public static final int PIRQ_COUNT = 4;
    static final int ROUTING_DISABLED = 0x80;
    private static final int ROUTE_WRITABLE = ROUTING_DISABLED | 0x0F;
    // 82371SB PIRQRC[A:D] bits 3:0: IRQ0-2, IRQ8 and IRQ13 are reserved routing values.
    private static final int RESERVED_IRQS = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 8) | (1 << 13);

    private final PciType0Function header =
            new PciType0Function(I440fxPmc.VENDOR_INTEL, DEVICE_82371SB_ISA, 0x00, CLASS_ISA_BRIDGE, true);
    private final PirqRouteListener routes;
    private final int[] reportedIrq = new int[PIRQ_COUNT];

    /** A PIIX3 at power-on (every PIRQ unrouted) reporting route changes to {@code routes}. */
    public Piix3IsaBridge(PirqRouteListener routes) {
        this.routes = routes;
        header.config().init(PciType0Function.COMMAND, 2, POWER_ON_COMMAND);
        header.config().init(PciType0Function.STATUS, 2, POWER_ON_STATUS);
        header.config().init(PIRQ_ROUTE_CONTROL, PIRQ_COUNT, 0x8080_8080);
        header.config().makeWritable(PIRQ_ROUTE_CONTROL, PIRQ_COUNT, ROUTE_WRITABLE * 0x0101_0101);
        Arrays.fill(reportedIrq, PirqRouteListener.NOT_ROUTED);
    }

    /** The ISA IRQ that PIRQ {@code pirq} (0..3) drives now, or {@link PirqRouteListener#NOT_ROUTED}. */
    public int routeOf(int pirq) {
        int rc = header.config().read(PIRQ_ROUTE_CONTROL + pirq, 1);
        int irq = rc & 0x0F;
        if ((rc & ROUTING_DISABLED) != 0 || (RESERVED_IRQS & (1 << irq)) != 0) {
            return PirqRouteListener.NOT_ROUTED;
        }
        return irq;
    }

    /**
     * Programs the four routes as firmware would before the OS starts (e.g. the defaults in
     * {@link PirqRouting}); {@code isaIrqs[i]} of {@link PirqRouteListener#NOT_ROUTED} disables PIRQ i.
     */
    public void programRoutes(int... isaIrqs) {
        for (int i = 0; i < PIRQ_COUNT; i++) {
            int irq = isaIrqs[i];
            configWrite(PIRQ_ROUTE_CONTROL + i, 1, irq == PirqRouteListener.NOT_ROUTED ? ROUTING_DISABLED : irq);
        }
    }

    /** PCI RST#: power-on values, so every PIRQ becomes unrouted. */
    public void reset() {
        header.reset();
        reportRouteChanges();
    }

    /** The function's saved state: its configuration bytes. */
    public PciConfigState saveState() {
        return header.saveState();
    }

    /** Restores {@link #saveState()} output and reports the restored routes to the board. */
    public void restoreState(PciConfigState state) {
        header.restoreState(state);
        reportRouteChanges();
    }

    @Override
    public int configRead(int offset, int size) {
        return header.configRead(offset, size);
    }

    @Override
    public void configWrite(int offset, int size, int value) {
        header.configWrite(offset, size, value);
        if (offset < PIRQ_ROUTE_CONTROL + PIRQ_COUNT && offset + size > PIRQ_ROUTE_CONTROL) {
            reportRouteChanges();
        }
    }

    private void reportRouteChanges() {
        for (int pirq = 0; pirq < PIRQ_COUNT; pirq++) {
            int irq = routeOf(pirq);
            if (irq != reportedIrq[pirq]) {
                reportedIrq[pirq] = irq;
                routes.pirqRouted(pirq, irq);
            }
        }
    }
}
