package dev.jefevm.devices.ata;

/**
 * The ATA command codes this model executes (ATA/ATAPI-8 ACS, chapter 7 and table B.2), by the
 * names the standard gives them. Codes not listed here end with ABRT, as the standard requires
 * for unsupported commands.
 */
final class AtaCommand {

    static final int READ_SECTORS = 0x20, READ_SECTORS_NO_RETRY = 0x21, READ_SECTORS_EXT = 0x24,
            READ_DMA_EXT = 0x25, READ_MULTIPLE_EXT = 0x29,
            WRITE_SECTORS = 0x30, WRITE_SECTORS_NO_RETRY = 0x31, WRITE_SECTORS_EXT = 0x34,
            WRITE_DMA_EXT = 0x35, WRITE_MULTIPLE_EXT = 0x39,
            READ_VERIFY_SECTORS = 0x40, READ_VERIFY_SECTORS_NO_RETRY = 0x41, READ_VERIFY_SECTORS_EXT = 0x42,
            EXECUTE_DEVICE_DIAGNOSTIC = 0x90, INITIALIZE_DEVICE_PARAMETERS = 0x91,
            READ_MULTIPLE = 0xC4, WRITE_MULTIPLE = 0xC5, SET_MULTIPLE_MODE = 0xC6,
            READ_DMA = 0xC8, READ_DMA_NO_RETRY = 0xC9, WRITE_DMA = 0xCA, WRITE_DMA_NO_RETRY = 0xCB,
            STANDBY_IMMEDIATE = 0xE0, IDLE_IMMEDIATE = 0xE1, CHECK_POWER_MODE = 0xE5,
            FLUSH_CACHE = 0xE7, FLUSH_CACHE_EXT = 0xEA, IDENTIFY_DEVICE = 0xEC, SET_FEATURES = 0xEF;

    // ATA8-ACS 7.48 SET FEATURES subcommands (Features field).
    static final int FEATURE_ENABLE_WRITE_CACHE = 0x02, FEATURE_SET_TRANSFER_MODE = 0x03,
            FEATURE_DISABLE_WRITE_CACHE = 0x82, FEATURE_DISABLE_READ_LOOK_AHEAD = 0x55,
            FEATURE_ENABLE_READ_LOOK_AHEAD = 0xAA;

    private AtaCommand() {
    }
}
