package dev.jefevm.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/** A test's end of the JSON-lines control channel of a VM running in another process (Unix socket). */
final class MonitorClient implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    MonitorClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        out = Channels.newOutputStream(channel);
        in.readLine(); // the greeting
    }

    /** Sends one command and returns its reply (events in between are skipped). */
    JsonNode execute(String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the monitor closed the connection");
            }
            JsonNode reply = mapper.readTree(line);
            if (!reply.has("event")) {
                return reply;
            }
        }
    }

    /** The framebuffer through {@code screendump}. */
    BufferedImage screendump() throws IOException {
        JsonNode reply = execute("{\"execute\":\"screendump\"}");
        String png = reply.at("/return/png").asText();
        if (png.isEmpty()) {
            throw new IOException("screendump failed: " + reply);
        }
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
