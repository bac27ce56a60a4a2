package dev.jefevm.devices.ps2;

/**
 * The saved state of an {@link I8042} controller: its 32 bytes of RAM (byte 0 is the command
 * byte), the output port, the status register's command/data flag, the controller command
 * awaiting its data byte (-1 for none), the controller's own queued replies (bit 8 marks an
 * auxiliary byte), the output buffer, and whether translation has swallowed a break prefix.
 * The keyboard and mouse save their own state.
 */
public record I8042State(
        byte[] ram, int outputPort, boolean lastWriteWasCommand, int pendingCommand,
        int[] replies, int outputBuffer, boolean outputFull, boolean outputFromAux,
        boolean translatorBreakPending) {

    public I8042State {
        ram = ram.clone();
        replies = replies.clone();
    }

    @Override
    public byte[] ram() {
        return ram.clone();
    }

    @Override
    public int[] replies() {
        return replies.clone();
    }
}
