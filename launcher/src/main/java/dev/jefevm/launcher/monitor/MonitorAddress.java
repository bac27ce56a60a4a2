package dev.jefevm.launcher.monitor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where the monitor listens, from the {@code --monitor} option: {@code unix:PATH} for a Unix
 * domain socket or {@code tcp:HOST:PORT} for TCP on a loopback address only (the monitor has no
 * authentication, so it is never offered to the network).
 */
public record MonitorAddress(SocketAddress socketAddress) {

    /**
     * Parses an option value.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static MonitorAddress parse(String spec) {
        if (spec.startsWith("unix:")) {
            String path = spec.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("unix: needs a socket path (unix:PATH)");
            }
            return new MonitorAddress(UnixDomainSocketAddress.of(Path.of(path)));
        }
        if (spec.startsWith("tcp:")) {
            String rest = spec.substring("tcp:".length());
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("tcp: needs a host and a port (tcp:127.0.0.1:PORT)");
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad TCP port '" + rest.substring(colon + 1) + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("TCP port " + port + " is out of range 0..65535");
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host '" + host + "'");
            }
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("the monitor listens on loopback addresses only (127.0.0.1, ::1), not '"
                        + host + "'");
            }
            return new MonitorAddress(new InetSocketAddress(address, port));
        }
        throw new IllegalArgumentException("monitor address must be unix:PATH or tcp:127.0.0.1:PORT, not '" + spec + "'");
    }
}
