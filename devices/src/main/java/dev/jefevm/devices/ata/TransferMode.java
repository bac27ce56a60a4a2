package dev.jefevm.devices.ata;

/**
 * The transfer mode values of SET FEATURES subcommand 03h (ATA/ATAPI-8 ACS 7.48.3, table 64):
 * the Count field's bits 7:3 name the kind (PIO default, PIO flow control, multiword DMA, Ultra
 * DMA) and bits 2:0 the mode number. A drive keeps the last accepted value to report the selected
 * DMA mode in IDENTIFY DEVICE words 63 and 88.
 */
final class TransferMode {

    static final int KIND_MASK = 0xF8, MODE_MASK = 0x07;
    static final int PIO_DEFAULT = 0x00, PIO_DEFAULT_NO_IORDY = 0x01, PIO_FLOW_CONTROL = 0x08,
            MULTIWORD_DMA = 0x20, ULTRA_DMA = 0x40;
    static final int MAX_PIO = 4, MAX_MULTIWORD_DMA = 2, MAX_ULTRA_DMA = 5;

    private TransferMode() {
    }

    /** True if this drive supports the mode that SET FEATURES asks for. */
    static boolean isSupported(int value) {
        int mode = value & MODE_MASK;
        return switch (value & KIND_MASK) {
            case PIO_DEFAULT -> mode <= PIO_DEFAULT_NO_IORDY;
            case PIO_FLOW_CONTROL -> mode <= MAX_PIO;
            case MULTIWORD_DMA -> mode <= MAX_MULTIWORD_DMA;
            case ULTRA_DMA -> mode <= MAX_ULTRA_DMA;
            default -> false;
        };
    }
}
