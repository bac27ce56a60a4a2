package dev.jefevm.devices.uart;

/**
 * The saved state of a {@link Uart16550}: every register and the receive FIFO's contents
 * (oldest byte first). The transmit side holds nothing because transmission is instantaneous.
 */
public record Uart16550State(
        int divisorLatchLow, int divisorLatchHigh, int interruptEnable, int lineControl,
        int modemControl, int scratch, boolean fifosEnabled, int receiveTriggerLevel,
        int lineStatusErrors, int modemStatusDeltas, boolean transmitterEmptyInterrupt,
        boolean characterTimeout, int lastReceived, byte[] receiveFifo) {

    public Uart16550State {
        receiveFifo = receiveFifo.clone();
    }

    @Override
    public byte[] receiveFifo() {
        return receiveFifo.clone();
    }
}
