package dev.jefevm.devices.board;

import dev.jefevm.devices.acpi.Aml;
import dev.jefevm.devices.acpi.AmlBuilder;
import dev.jefevm.devices.acpi.ResourceTemplate;
import dev.jefevm.devices.pci.PirqRouting;
import java.util.List;

/**
 * The AML that describes {@link PcBoard}'s devices in its DSDT (ACPI 6.5 chapter 6, device
 * configuration), as a PC's firmware would: {@code \_SB.PCI0}, the PCI host bridge (PNP0A03),
 * with its bus, I/O and memory windows and a _PRT that sends every device's INTA#-INTD# to the
 * PCI interrupt link devices {@code \_SB.LNKA}-{@code LNKD} (PNP0C0F) by the PIIX3 rotation of
 * {@link PirqRouting}; the links read and write the PIIX3 PIRQ route control registers through
 * an OperationRegion in PCI configuration space; under {@code PCI0.ISA} (the PIIX3 at 00:01.0)
 * the legacy devices with their ports and IRQs; {@code PCI0.IDE0} (the PIIX3 IDE function at
 * 00:01.1) with its channels and drive positions; and {@code \_PIC}, which records the interrupt
 * model the OS chose. The {@code \_S5_} object comes from {@code AcpiTables}.
 */
public final class PcDsdt {

    /** PCI configuration offset of the PIIX3's PIRQRCA (82371SB datasheet); B-D follow. */
    static final int PIRQ_ROUTE_CONTROL = 0x60;
    /** PIRQRC bit 7, IRQROUTEN: set = not routed; bits 3:0 the ISA IRQ. */
    private static final int ROUTING_DISABLED = 0x80, IRQ_BITS = 0x0F;
    /** The ISA IRQs a PIRQ may take: free on this board and level triggered in the ELCR or sharable. */
    static final int[] LINK_IRQS = {5, 9, 10, 11};
    /** The PIIX3 ISA bridge's _ADR: device 1, function 0 (ACPI 6.5 6.1.1, PCI _ADR encoding). */
    static final long ISA_BRIDGE_ADR = 0x0001_0000L;
    /** The PIIX3 IDE controller's _ADR: device 1, function 1. */
    static final long IDE_ADR = 0x0001_0001L;
    /** IDE channel and drive _ADRs (ACPI 6.5 6.1.1, _ADR encodings): channel 0 primary, 1 secondary; drive 0 master, 1 slave. */
    private static final String[] IDE_CHANNELS = {"PRIM", "SECD"}, IDE_DRIVES = {"MAST", "SLAV"};
    // _STA bits (6.3.7): present, enabled, functioning; a disabled link is present and functioning.
    private static final int STA_LINK_ENABLED = 0x0B, STA_LINK_DISABLED = 0x09;
    private static final String[] PIRQ_FIELDS = {"PRQA", "PRQB", "PRQC", "PRQD"};
    private static final String ISA_PATH = "\\_SB.PCI0.ISA";
    /** Highest I/O port below the configuration ports, and the first port after them. */
    private static final int IO_BELOW_CONFIG_END = 0xCF7, IO_ABOVE_CONFIG_START = 0xD00;

    private PcDsdt() {
    }

    /**
     * The device AML for a board whose low RAM ends at {@code lowRamEnd}: the PCI memory window
     * runs from there up to just below the I/O APIC.
     */
    public static byte[] aml(long lowRamEnd) {
        AmlBuilder b = new AmlBuilder();
        b.name("PICM", Aml.integer(0));
        // 5.8.1 \_PIC(mode): 0 = 8259 PIC, 1 = APIC; the _PRT is the same in both (links).
        b.method("\\_PIC", 1, m -> m.store(Aml.arg(0), Aml.name("PICM")));
        b.scope("\\_SB", sb -> {
            sb.device("PCI0", pci -> hostBridge(pci, lowRamEnd));
            for (int pirq = 0; pirq < PIRQ_FIELDS.length; pirq++) {
                int link = pirq;
                sb.device(new PirqRouting.Entry(0, 0, link).linkName(), d -> link(d, link));
            }
        });
        return b.toBytes();
    }

    private static void hostBridge(AmlBuilder pci, long lowRamEnd) {
        pci.name("_HID", Aml.eisaId("PNP0A03"));
        pci.name("_ADR", Aml.integer(0));
        pci.name("_BBN", Aml.integer(0));
        pci.name("_UID", Aml.integer(0));
        pci.name("_CRS", new ResourceTemplate()
                .wordBusNumber(0, 0xFF)
                .io(PcBoard.PCI_CONFIG_BASE, 8)           // consumed: configuration mechanism #1
                .dwordIo(0, IO_BELOW_CONFIG_END)
                .dwordIo(IO_ABOVE_CONFIG_START, 0xFFFF)
                .dwordMemory(lowRamEnd, PcBoard.IO_APIC_BASE - 1)
                .toBuffer());
        pci.name("_PRT", routingTable());
        pci.device("ISA", isa -> isaBridge(isa));
        pci.device("IDE0", PcDsdt::ideController);
    }

    /**
     * The PIIX3 IDE function as ACPI 6.5 9.8 ("ATA Controller Devices") lays out an IDE
     * controller: a channel device per channel, each with a device object per drive position,
     * so an OS can match ATA drives to ACPI objects. The channels run in compatibility mode
     * (fixed legacy ports and IRQs 14/15), so no _CRS is given here: the ports belong to the
     * PCI function, as on a PC.
     */
    private static void ideController(AmlBuilder ide) {
        ide.name("_ADR", Aml.integer(IDE_ADR));
        for (int channel = 0; channel < IDE_CHANNELS.length; channel++) {
            long channelAdr = channel;
            ide.device(IDE_CHANNELS[channel], c -> {
                c.name("_ADR", Aml.integer(channelAdr));
                for (int drive = 0; drive < IDE_DRIVES.length; drive++) {
                    long driveAdr = drive;
                    c.device(IDE_DRIVES[drive], d -> d.name("_ADR", Aml.integer(driveAdr)));
                }
            });
        }
    }

    // 6.2.13 _PRT: {Address (device << 16 | 0xFFFF), Pin (0 = INTA#), Source (link), Source Index 0}.
    private static AmlBuilder.Term routingTable() {
        List<PirqRouting.Entry> entries = PirqRouting.entries(0, 31);
        AmlBuilder.Term[] rows = new AmlBuilder.Term[entries.size()];
        for (int i = 0; i < rows.length; i++) {
            PirqRouting.Entry e = entries.get(i);
            rows[i] = Aml.pkg(Aml.integer(e.acpiAddress()), Aml.integer(e.acpiPin()), Aml.name(e.linkName()),
                    Aml.integer(0));
        }
        return Aml.pkg(rows);
    }

    private static void isaBridge(AmlBuilder isa) {
        isa.name("_ADR", Aml.integer(ISA_BRIDGE_ADR));
        isa.operationRegion("PIRQ", AmlBuilder.REGION_PCI_CONFIG, PIRQ_ROUTE_CONTROL, PIRQ_FIELDS.length);
        isa.field("PIRQ", AmlBuilder.FIELD_BYTE_ACC_NO_LOCK_PRESERVE, PIRQ_FIELDS, new int[] {8, 8, 8, 8});
        isaDevice(isa, "PIC", "PNP0000", new ResourceTemplate()
                .io(PcBoard.PIC_MASTER_BASE, 2).io(PcBoard.PIC_SLAVE_BASE, 2).io(PcBoard.ELCR_BASE, 2)
                .irqNoFlags(2));
        isaDevice(isa, "TMR", "PNP0100", new ResourceTemplate()
                .io(PcBoard.PIT_BASE, 4).irqNoFlags(PcBoard.PIT_IRQ));
        isaDevice(isa, "RTC", "PNP0B00", new ResourceTemplate()
                .io(PcBoard.RTC_BASE, 2).irqNoFlags(PcBoard.RTC_IRQ));
        isaDevice(isa, "KBD", "PNP0303", new ResourceTemplate()
                .io(PcBoard.I8042_DATA, 1).io(PcBoard.I8042_COMMAND, 1).irqNoFlags(PcBoard.KEYBOARD_IRQ));
        isaDevice(isa, "MOU", "PNP0F13", new ResourceTemplate().irqNoFlags(PcBoard.MOUSE_IRQ));
        isa.device("COM1", d -> {
            d.name("_HID", Aml.eisaId("PNP0501"));
            d.name("_UID", Aml.integer(1));
            d.name("_CRS", new ResourceTemplate()
                    .io(PcBoard.COM1_BASE, PcBoard.COM1_PORTS).irqNoFlags(PcBoard.COM1_IRQ).toBuffer());
        });
        isa.device("HPET", d -> {
            d.name("_HID", Aml.eisaId("PNP0103"));
            d.name("_UID", Aml.integer(0));
            d.name("_CRS", new ResourceTemplate().memory32Fixed(true, PcBoard.HPET_BASE, 0x400).toBuffer());
        });
        // PNP0C02: ports the board decodes that belong to no device above (port B, the boot
        // timer, the ACPI PM1a blocks), so an OS keeps them out of its resource allocation.
        isa.device("SYSR", d -> {
            d.name("_HID", Aml.eisaId("PNP0C02"));
            d.name("_UID", Aml.integer(1));
            d.name("_CRS", new ResourceTemplate()
                    .io(PcBoard.PORT_B, 1).io(PcBoard.BOOT_TIMER_PORT, 1)
                    .io(PcBoard.PM1A_EVT_BLK, PcBoard.PM1A_CNT_BLK + 2 - PcBoard.PM1A_EVT_BLK)
                    .toBuffer());
        });
    }

    private static void isaDevice(AmlBuilder isa, String name, String hid, ResourceTemplate resources) {
        isa.device(name, d -> {
            d.name("_HID", Aml.eisaId(hid));
            d.name("_CRS", resources.toBuffer());
        });
    }

    /**
     * A PCI interrupt link (6.2.13 and 6.2.16, "PCI Interrupt Link Devices") over PIRQRC[pirq]:
     * _STA says whether IRQROUTEN enables the route, _CRS returns the routed IRQ (an empty IRQ
     * mask when disabled), _PRS offers {@link #LINK_IRQS}, _DIS sets IRQROUTEN's disable bit and
     * _SRS writes the IRQ the OS chose (its lowest mask bit; an empty mask disables the route).
     */
    private static void link(AmlBuilder d, int pirq) {
        AmlBuilder.Term route = Aml.name(ISA_PATH + "." + PIRQ_FIELDS[pirq]);
        d.name("_HID", Aml.eisaId("PNP0C0F"));
        d.name("_UID", Aml.integer(pirq + 1));
        d.name("_PRS", new ResourceTemplate().irqLevelActiveLowShared(LINK_IRQS).toBuffer());
        d.name("CRSB", new ResourceTemplate().irqLevelActiveLowShared().toBuffer());
        d.createWordField(Aml.name("CRSB"), 1, "IRQM"); // the IRQ descriptor's mask (6.4.2.1)
        d.method("_STA", 0, m -> {
            m.ifThen(Aml.and(route, Aml.integer(ROUTING_DISABLED), Aml.noTarget()),
                    t -> t.returnValue(Aml.integer(STA_LINK_DISABLED)));
            m.returnValue(Aml.integer(STA_LINK_ENABLED));
        });
        d.method("_CRS", 0, m -> {
            m.store(Aml.integer(0), Aml.name("IRQM"));
            m.ifThen(Aml.lNot(Aml.and(route, Aml.integer(ROUTING_DISABLED), Aml.noTarget())),
                    t -> t.term(Aml.shiftLeft(Aml.integer(1),
                            Aml.and(route, Aml.integer(IRQ_BITS), Aml.noTarget()), Aml.name("IRQM"))));
            m.returnValue(Aml.name("CRSB"));
        });
        d.method("_DIS", 0, m -> m.term(Aml.or(route, Aml.integer(ROUTING_DISABLED), route)));
        d.method("_SRS", 1, m -> {
            m.createWordField(Aml.arg(0), 1, "IRQW");
            // FindSetRightBit is 1-based (0 for an empty mask): minus one is the IRQ number, and
            // an empty mask becomes all ones, whose low byte has IRQROUTEN's disable bit set.
            m.findSetRightBit(Aml.name("IRQW"), Aml.local(0));
            m.decrement(Aml.local(0));
            m.store(Aml.local(0), route);
        });
    }
}
