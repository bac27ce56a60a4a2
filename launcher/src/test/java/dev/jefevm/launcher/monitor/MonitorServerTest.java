package dev.jefevm.launcher.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class MonitorServerTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final FakeTarget target = new FakeTarget();
    @TempDir
    Path dir;
    private Path socket;
    private MonitorServer server;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("monitor.sock");
        server = MonitorServer.start(MonitorAddress.parse("unix:" + socket),
                new MonitorProtocol(target, "0.1.0", 2000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** One connected client with line-oriented reading and writing. */
    private final class Conn implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;
        final OutputStream out;

        Conn() throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(channel);
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        JsonNode reply() throws IOException {
            return mapper.readTree(in.readLine());
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void connect_sendsGreetingThenAnswersEachLine() throws IOException {
        try (Conn c = new Conn()) {
            JsonNode greeting = c.reply();
            c.write("{\"execute\":\"sendkey\",\"arguments\":{\"keys\":\"ret\"},\"id\":1}\n{\"execute\":\"nope\",\"id\":2}\n");
            JsonNode first = c.reply();
            JsonNode second = c.reply();

            assertTrue(greeting.has("QMP"));
            assertEquals(1, first.get("id").asInt());
            assertEquals("CommandNotFound", second.at("/error/class").asText());
            assertEquals(List.of("down ENTER", "up ENTER"), target.events);
        }
    }

    @Test
    void hugeLine_getsOneErrorAndTheConnectionStaysUsable() throws IOException {
        try (Conn c = new Conn()) {
            c.reply();
            c.write("x".repeat(MonitorServer.MAX_LINE * 3) + "\n{\"execute\":\"stop\"}\n");
            JsonNode tooLong = c.reply();
            JsonNode next = c.reply();

            assertTrue(tooLong.at("/error/desc").asText().contains("longer than"));
            assertTrue(next.get("return").isObject());
            assertEquals(List.of("stop"), target.events);
        }
    }

    @Test
    void clientLeavingMidRequest_doesNotDisturbOtherClients() throws IOException {
        try (Conn a = new Conn(); Conn b = new Conn()) {
            a.reply();
            b.reply();
            a.write("{\"execute\":\"sto");
            a.close();
            b.write("{\"execute\":\"query-status\"}\n");

            assertEquals("running", b.reply().at("/return/status").asText());
            assertFalse(target.events.contains("stop"));
        }
    }

    @Test
    void close_removesTheSocketFile() {
        server.close();

        assertFalse(Files.exists(socket));
    }
}
