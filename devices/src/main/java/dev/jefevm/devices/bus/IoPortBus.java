package dev.jefevm.devices.bus;

import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The x86 I/O address space (64 Ki byte-wide ports, SDM Vol.1 18.2): maps port ranges to
 * {@link IoPortDevice}s and routes IN/OUT to them with the offset into their range. Ranges may
 * not overlap. Ports nobody claims behave like an idle ISA bus: reads return all ones and writes
 * vanish; such accesses are counted and each port is logged once at debug.
 *
 * <p>An access is routed by its first port; a multi-byte access that runs past the end of a
 * device's range is still given to that device, which sees the offset and width and decides.
 */
public final class IoPortBus {

    private static final Logger LOG = LoggerFactory.getLogger(IoPortBus.class);
    private static final int PORT_COUNT = 0x10000;

    private record Mapping(int base, int length, IoPortDevice device, String name) { }

    // One slot per port: lookups on the IN/OUT path are one array load, no search.
    private final Mapping[] byPort = new Mapping[PORT_COUNT];
    private final BitSet loggedUnclaimed = new BitSet(PORT_COUNT);
    private long unclaimedAccesses;

    /**
     * Claims ports {@code [base, base+length)} for {@code device}.
     *
     * @throws IllegalArgumentException if the range leaves the 16-bit port space or overlaps a
     *     range already claimed (a board wiring mistake, not a guest one)
     */
    public void register(int base, int length, IoPortDevice device, String name) {
        if (base < 0 || length <= 0 || base + length > PORT_COUNT) {
            throw new IllegalArgumentException(name + ": port range 0x" + Integer.toHexString(base)
                    + "+" + length + " is outside the I/O space");
        }
        for (int p = base; p < base + length; p++) {
            if (byPort[p] != null) {
                throw new IllegalArgumentException(name + " at port 0x" + Integer.toHexString(p)
                        + " overlaps " + byPort[p].name());
            }
        }
        Mapping m = new Mapping(base, length, device, name);
        for (int p = base; p < base + length; p++) {
            byPort[p] = m;
        }
    }

    /**
     * Releases the ports of {@code [base, base+length)} that {@code device} holds (a PCI I/O BAR
     * moving or being disabled); ports held by other devices are left alone.
     */
    public void unregister(int base, int length, IoPortDevice device) {
        for (int p = Math.max(0, base); p < Math.min(PORT_COUNT, base + length); p++) {
            if (byPort[p] != null && byPort[p].device() == device) {
                byPort[p] = null;
            }
        }
    }

    /** IN of {@code size} bytes from {@code port}. */
    public int read(int port, int size) {
        Mapping m = byPort[port & 0xFFFF];
        if (m == null) {
            noteUnclaimed(port, "read");
            return size >= 4 ? 0xFFFF_FFFF : (1 << (8 * size)) - 1;
        }
        return m.device().read((port & 0xFFFF) - m.base(), size);
    }

    /** OUT of the low {@code size} bytes of {@code value} to {@code port}. */
    public void write(int port, int size, int value) {
        Mapping m = byPort[port & 0xFFFF];
        if (m == null) {
            noteUnclaimed(port, "write");
            return;
        }
        m.device().write((port & 0xFFFF) - m.base(), size, value);
    }

    /** How many accesses went to ports no device claims. */
    public long unclaimedAccesses() {
        return unclaimedAccesses;
    }

    private void noteUnclaimed(int port, String kind) {
        unclaimedAccesses++;
        int p = port & 0xFFFF;
        if (!loggedUnclaimed.get(p)) {
            loggedUnclaimed.set(p);
            LOG.debug("guest {} of unclaimed I/O port 0x{} (further accesses counted only)", kind, Integer.toHexString(p));
        }
    }
}
