package io.drover.testing.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy to put between a client and a server (etcd) so that a test can cut the network between them
 * without stopping the server:
 * <ul>
 * <li>{@link #cut()}: existing connections are reset and new ones are refused (accepted and reset at once), as when
 * the server's host is unreachable and says so;</li>
 * <li>{@link #blackhole()}: connections stay open but nothing passes in either direction, as in a partition where
 * packets are silently dropped; the client only notices by its own timeouts;</li>
 * <li>{@link #restore()}: traffic flows again; blackholed connections are reset so that clients reconnect.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { OPEN, CUT, BLACKHOLE }

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile Mode mode = Mode.OPEN;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the proxy", e);
        }
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** A proxy on a free loopback port forwarding to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    /** A proxy forwarding to the host and port of {@code endpoint}, e.g. {@code http://127.0.0.1:2379}. */
    public static TcpProxy to(String endpoint) {
        URI uri = URI.create(endpoint);
        return to(uri.getHost(), uri.getPort());
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The proxy's address as a client URL, to give to the client instead of the server's. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Resets every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        mode = Mode.CUT;
        links.forEach(Link::reset);
        LOG.info("proxy {} -> {}: cut", port(), target);
    }

    /** Lets connections stay open while dropping everything sent either way, until {@link #restore()}. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
        LOG.info("proxy {} -> {}: blackholed", port(), target);
    }

    /** Lets traffic flow again; connections that were blackholed are reset, since data was lost on them. */
    public void restore() {
        if (mode == Mode.BLACKHOLE) {
            links.forEach(Link::reset);
        }
        mode = Mode.OPEN;
        LOG.info("proxy {} -> {}: restored", port(), target);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::reset);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy {} stopped accepting: {}", port(), e.getMessage());
                }
                return;
            }
            if (mode == Mode.CUT) {
                resetQuietly(client);
                continue;
            }
            Link link = new Link(client);
            links.add(link);
            link.start();
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            // linger 0: close with a RST, as a refused or broken connection looks to the client
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** One client connection and its connection to the target, with one pump thread per direction. */
    private final class Link {
        private final Socket client;
        private volatile Socket upstream;

        Link(Socket client) {
            this.client = client;
        }

        void start() {
            Thread opener = new Thread(this::run, "tcp-proxy-link-" + client.getPort());
            opener.setDaemon(true);
            opener.start();
        }

        private void run() {
            try {
                Socket up = new Socket();
                up.connect(target, 2000);
                upstream = up;
                up.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                reset();
                return;
            }
            Thread back = new Thread(() -> pump(upstream, client), "tcp-proxy-down-" + client.getPort());
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode == Mode.OPEN) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                    // blackholed: read and drop, so neither side sees an error or back-pressure
                }
            } catch (SocketException closedByReset) {
                // the normal end of a link that was cut
            } catch (IOException e) {
                LOG.debug("proxy link ended: {}", e.getMessage());
            } finally {
                reset();
            }
        }

        void reset() {
            links.remove(this);
            resetQuietly(client);
            Socket up = upstream;
            if (up != null) {
                resetQuietly(up);
            }
        }
    }
}
