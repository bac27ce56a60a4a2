package dev.jefevm.devices.power;

import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.bus.IoPortDevice;

/**
 * The Reset Control register of the Intel PIIX/PIIX3 south bridge (82371SB datasheet 4.1.17,
 * "RC - Reset Control Register", I/O port 0xCF9): bit 1 SRST selects a hard (system) reset over a
 * soft one, bit 2 RST_CPU starts the reset, bit 3 FULL_RST (later ICH parts) also cycles power.
 * Any write with RST_CPU set resets the whole machine here (0x06 as the ACPI RESET_VALUE, 0x0E as
 * full reset); bits 1 and 3 read back as written, RST_CPU reads as 0.
 */
public final class ResetControlRegister implements IoPortDevice {

    static final int SYSTEM_RESET = 0x02, RESET_CPU = 0x04, FULL_RESET = 0x08;

    private final MachineControl machine;
    private int value;

    public ResetControlRegister(MachineControl machine) {
        this.machine = machine;
    }

    @Override
    public int read(int offset, int size) {
        return offset == 0 ? value : 0xFF;
    }

    @Override
    public void write(int offset, int size, int v) {
        if (offset != 0) {
            return;
        }
        value = v & (SYSTEM_RESET | FULL_RESET);
        if ((v & RESET_CPU) != 0) {
            String kind = (v & FULL_RESET) != 0 ? "full" : (v & SYSTEM_RESET) != 0 ? "hard" : "soft";
            machine.requestStop(StopReason.RESET, kind + " reset through port 0xCF9 (value 0x"
                    + Integer.toHexString(v & 0xFF) + ")");
        }
    }

    /** Power-on value: all bits clear. */
    public void reset() {
        value = 0;
    }
}
