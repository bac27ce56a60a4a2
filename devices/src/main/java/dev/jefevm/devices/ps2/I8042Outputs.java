package dev.jefevm.devices.ps2;

/**
 * The 8042 output-port lines the board wires to the rest of the machine (IBM PS/2 Hardware
 * Interface Technical Reference, "Output Port"): bit 1 gates address line A20 and bit 0 low
 * resets the processor (command 0xD1 or a 0xF0..0xFF pulse).
 */
public interface I8042Outputs {

    /** Nothing is wired to the output port. */
    I8042Outputs NONE = new I8042Outputs() {
        @Override
        public void a20Changed(boolean enabled) {
        }

        @Override
        public void resetRequested() {
        }
    };

    /** Output port bit 1 changed: A20 gated on ({@code true}) or forced low. */
    void a20Changed(boolean enabled);

    /** Output port bit 0 driven low: the system reset line. */
    void resetRequested();
}
