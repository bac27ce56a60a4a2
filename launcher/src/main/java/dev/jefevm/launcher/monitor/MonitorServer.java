package dev.jefevm.launcher.monitor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's listening socket: a daemon thread running a java.nio selector over a Unix
 * domain or loopback TCP server channel and any number of clients. Each client gets the
 * greeting, then one reply line per request line; lines longer than {@link #MAX_LINE} bytes
 * get an error reply and are skipped to their end, and a client that disconnects mid-request
 * is simply dropped. Requests are served one at a time, in arrival order.
 */
public final class MonitorServer implements AutoCloseable {

    /** The longest request line accepted, in bytes (without the newline). */
    public static final int MAX_LINE = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MonitorServer.class);
    private static final int READ_CHUNK = 4096;

    private final MonitorProtocol protocol;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Path socketFile;
    private final Thread thread;
    private volatile boolean closing;

    private MonitorServer(MonitorProtocol protocol, ServerSocketChannel server, Selector selector, Path socketFile) {
        this.protocol = protocol;
        this.server = server;
        this.selector = selector;
        this.socketFile = socketFile;
        this.thread = Thread.ofPlatform().daemon().name("jefevm-monitor").unstarted(this::serve);
    }

    /**
     * Binds {@code address} and starts serving. A stale Unix socket file at the path is
     * replaced; any other existing file is an error.
     *
     * @throws IOException if the address cannot be bound
     */
    public static MonitorServer start(MonitorAddress address, MonitorProtocol protocol) throws IOException {
        SocketAddress sa = address.socketAddress();
        Path socketFile = null;
        ServerSocketChannel server;
        if (sa instanceof UnixDomainSocketAddress unix) {
            socketFile = unix.getPath();
            removeStaleSocket(socketFile);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            server = ServerSocketChannel.open(((InetSocketAddress) sa).getAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        }
        Selector selector = null;
        try {
            server.bind(sa);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
        MonitorServer s = new MonitorServer(protocol, server, selector, socketFile);
        s.thread.start();
        LOG.info("monitor listening on {}", s.localAddress());
        return s;
    }

    /** The bound address (with the actual port when tcp:...:0 was asked for). */
    public SocketAddress localAddress() {
        try {
            return server.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isOther()) {
            throw new IOException(path + " exists and is not a socket");
        }
        Files.delete(path);
    }

    private void serve() {
        try {
            while (!closing) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        serviceClient(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            LOG.warn("monitor stopped: {}", e.toString());
        } finally {
            release();
        }
    }

    /** Closes every channel; runs on the server thread so the selector is never shared. */
    private void release() {
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            server.close();
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
            }
        } catch (IOException e) {
            LOG.debug("closing the monitor: {}", e.toString());
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        channel.configureBlocking(false);
        Client client = new Client();
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ, client);
        client.queue(protocol.greeting());
        flush(key, channel, client);
        LOG.debug("monitor client connected");
    }

    private void serviceClient(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        Client client = (Client) key.attachment();
        try {
            if (key.isWritable()) {
                flush(key, channel, client);
            }
            if (key.isValid() && key.isReadable()) {
                read(key, channel, client);
            }
        } catch (IOException e) {
            LOG.debug("monitor client dropped: {}", e.toString());
            drop(key, channel);
        }
    }

    private void read(SelectionKey key, SocketChannel channel, Client client) throws IOException {
        ByteBuffer in = client.readBuffer;
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
            drop(key, channel);
            return;
        }
        in.flip();
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (client.overlong) {
                    client.overlong = false;
                } else {
                    String line = new String(client.line, 0, client.length, StandardCharsets.UTF_8).strip();
                    if (!line.isEmpty()) {
                        client.queue(protocol.handle(line));
                    }
                }
                client.length = 0;
            } else if (!client.overlong) {
                if (client.length == MAX_LINE) {
                    client.overlong = true;
                    client.length = 0;
                    client.queue(protocol.tooLong(MAX_LINE));
                } else {
                    client.append(b);
                }
            }
        }
        flush(key, channel, client);
    }

    private static void flush(SelectionKey key, SocketChannel channel, Client client) throws IOException {
        while (!client.pending.isEmpty()) {
            ByteBuffer head = client.pending.peekFirst();
            channel.write(head);
            if (head.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            client.pending.removeFirst();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private static void drop(SelectionKey key, SocketChannel channel) {
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a monitor client failed: {}", e.toString());
        }
    }

    /** Stops listening, disconnects every client and removes the Unix socket file. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection's partial request line and unsent replies. */
    private static final class Client {
        final ByteBuffer readBuffer = ByteBuffer.allocate(READ_CHUNK);
        final java.util.ArrayDeque<ByteBuffer> pending = new java.util.ArrayDeque<>();
        byte[] line = new byte[256];
        int length;
        boolean overlong;

        void append(byte b) {
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE));
            }
            line[length++] = b;
        }

        void queue(String reply) {
            pending.addLast(ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8)));
        }
    }
}
