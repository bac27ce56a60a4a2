package dev.jefevm.launcher.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MonitorAddressTest {

    @Test
    void parse_unixPath_givesUnixAddress() {
        MonitorAddress a = MonitorAddress.parse("unix:/tmp/jefevm.sock");

        assertEquals(UnixDomainSocketAddress.of(Path.of("/tmp/jefevm.sock")), a.socketAddress());
    }

    @Test
    void parse_loopbackTcp_givesPort() {
        MonitorAddress a = MonitorAddress.parse("tcp:127.0.0.1:4444");

        InetSocketAddress inet = (InetSocketAddress) a.socketAddress();
        assertEquals(4444, inet.getPort());
        assertTrue(inet.getAddress().isLoopbackAddress());
    }

    @Test
    void parse_nonLoopbackTcp_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorAddress.parse("tcp:0.0.0.0:4444"));

        assertTrue(e.getMessage().contains("loopback"));
    }

    @Test
    void converter_nonLoopback_givesPicocliConversionError() {
        picocli.CommandLine.TypeConversionException e = assertThrows(picocli.CommandLine.TypeConversionException.class,
                () -> new MonitorAddressConverter().convert("tcp:8.8.8.8:4444"));

        assertTrue(e.getMessage().contains("loopback"));
    }

    @Test
    void parse_badForms_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> MonitorAddress.parse("stdio"));
        assertThrows(IllegalArgumentException.class, () -> MonitorAddress.parse("unix:"));
        assertThrows(IllegalArgumentException.class, () -> MonitorAddress.parse("tcp:127.0.0.1:http"));
        assertThrows(IllegalArgumentException.class, () -> MonitorAddress.parse("tcp:127.0.0.1:70000"));
    }
}
