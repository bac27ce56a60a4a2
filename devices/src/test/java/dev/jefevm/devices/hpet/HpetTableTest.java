package dev.jefevm.devices.hpet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HpetTableTest {

    private final byte[] table = HpetTable.bytes(0xFED0_0000L, 0, 100);
    private final ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void header_namesTheTableWithItsLengthAndSumsToZero() {
        int sum = 0;
        for (byte x : table) {
            sum += x;
        }

        assertEquals("HPET", new String(table, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(56, b.getInt(4));
        assertEquals(56, table.length);
        assertEquals(0, sum & 0xFF);
    }

    @Test
    void body_carriesBlockIdBaseAddressNumberAndMinimumTick() {
        assertEquals(Hpet.eventTimerBlockId(), b.getInt(36));
        assertEquals(0, table[40]);                 // system memory
        assertEquals(0xFED0_0000L, b.getLong(44));
        assertEquals(0, table[52]);
        assertEquals(100, b.getShort(53));
    }
}
