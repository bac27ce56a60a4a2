package dev.jefevm.devices.pic;

import dev.jefevm.devices.bus.IoPortDevice;

/**
 * The PIIX3 edge/level control registers ELCR1 and ELCR2 (82371SB datasheet section 2.6.16,
 * ports 0x4D0 and 0x4D1): one bit per IRQ, 1 = level triggered (for PCI interrupts shared at
 * low level), 0 = edge. IRQ0, 1, 2, 8 and 13 are always edge: their bits are reserved, read 0
 * and are not written.
 */
final class ElcrPorts implements IoPortDevice {

    // 82371SB 2.6.16: ELCR1 bits 2:0 and ELCR2 bits 5 and 0 are reserved
    static final int MASTER_WRITABLE = 0xF8;
    static final int SLAVE_WRITABLE = 0xDE;

    private final Pic8259 master;
    private final Pic8259 slave;

    ElcrPorts(Pic8259 master, Pic8259 slave) {
        this.master = master;
        this.slave = slave;
    }

    @Override
    public int read(int offset, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            value |= readByte(offset + i) << (8 * i);
        }
        return value;
    }

    private int readByte(int offset) {
        return switch (offset) {
            case 0 -> master.edgeLevelControl();
            case 1 -> slave.edgeLevelControl();
            default -> {
                master.ignored("ELCR read beyond offset 1");
                yield 0xFF;
            }
        };
    }

    @Override
    public void write(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            int b = (value >>> (8 * i)) & 0xFF;
            switch (offset + i) {
                case 0 -> master.setEdgeLevelControl(b & MASTER_WRITABLE);
                case 1 -> slave.setEdgeLevelControl(b & SLAVE_WRITABLE);
                default -> master.ignored("ELCR write beyond offset 1");
            }
        }
    }
}
