package dev.jefevm.core.cpu.x87;

import org.junit.jupiter.api.Test;

class DebugRowTest {
    @Test
    void row() {
        X87Machine m = new X87Machine();
        String line = System.getProperty("row", "d8c1,047f,c0,7376ccb870213498f7f5,4022b0ba91e47f6200ec,ed52f609b3205ec2b9ac,857,3020,047f,c0,7376ccb8700000000000,4022b0ba91e47f6200ec,00000000000000000000,ed52f609b3205ec2b9ac,855");
        String d = X87HostOracleTest.replay(m, line.split(","));
        org.slf4j.LoggerFactory.getLogger("x").info("diff {} rip {} fsw {}", d, Long.toHexString(m.s.rip), Integer.toHexString(m.s.fpuStatus));
        throw new AssertionError(d + " rip=" + Long.toHexString(m.s.rip));
    }
}
