package dev.jefevm.devices.pci;

import java.util.ArrayList;
import java.util.List;

/**
 * How the board's PCI interrupt pins reach the PIIX3's PIRQ inputs, for the ACPI _PRT and the
 * link devices the lead writes into the DSDT (ACPI 6.5, 6.2.13 _PRT). Slot wiring follows the
 * usual rotation (PCI-to-PCI Bridge Architecture 1.2, 9.1 table 9-1, applied to the host bus):
 * INTx# of device d goes to PIRQ ((d + pin - 1) mod 4), with pin 1..4 for INTA#..INTD#, so
 * neighbouring slots spread their INTA# over all four inputs. Firmware routes PIRQA..D to ISA
 * IRQs 10, 10, 11, 11 by default.
 */
public final class PirqRouting {

    /** The ISA IRQ the firmware gives PIRQA..PIRQD (index 0..3). */
    private static final int[] DEFAULT_ISA_IRQ = {10, 10, 11, 11};
    private static final String[] LINK_NAMES = {"LNKA", "LNKB", "LNKC", "LNKD"};

    private PirqRouting() {
    }

    /**
     * One _PRT row: device {@code device}'s pin {@code acpiPin} (0..3 for INTA#..INTD#, as _PRT
     * numbers them) is wired to PIRQ {@code pirq} (0..3).
     */
    public record Entry(int device, int acpiPin, int pirq) {

        /** The _PRT Address field: device in the high word, 0xFFFF for "any function". */
        public long acpiAddress() {
            return ((long) device << 16) | 0xFFFF;
        }

        /** The name of the PCI interrupt link device for this PIRQ, LNKA..LNKD. */
        public String linkName() {
            return LINK_NAMES[pirq];
        }
    }

    /** The PIRQ (0..3) behind device {@code device}'s Interrupt Pin value {@code pin} (1..4). */
    public static int pirqFor(int device, int pin) {
        return (device + pin - 1) & 3;
    }

    /** The ISA IRQ firmware routes PIRQ {@code pirq} (0..3) to. */
    public static int defaultIsaIrq(int pirq) {
        return DEFAULT_ISA_IRQ[pirq];
    }

    /** All four default routes, PIRQA first, for {@link Piix3IsaBridge#programRoutes}. */
    public static int[] defaultIsaIrqs() {
        return DEFAULT_ISA_IRQ.clone();
    }

    /** The _PRT rows for devices {@code firstDevice..lastDevice}, four pins each. */
    public static List<Entry> entries(int firstDevice, int lastDevice) {
        List<Entry> rows = new ArrayList<>();
        for (int device = firstDevice; device <= lastDevice; device++) {
            for (int acpiPin = 0; acpiPin < 4; acpiPin++) {
                rows.add(new Entry(device, acpiPin, pirqFor(device, acpiPin + 1)));
            }
        }
        return List.copyOf(rows);
    }
}
