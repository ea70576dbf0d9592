package app.chat.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HAProxy (Debian's package) in front of several server processes, configured as docs/deployment.md
 * says: WebSocket tunnels, health checks on the readiness endpoint, a connection refused by a dead
 * instance tried again on another one, and an access log without query strings.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(10);

    /**
     * The access log docs/deployment.md recommends: HAProxy's HTTP log with the path only (%HPO), so
     * that a token in the query string is never written down.
     */
    static final String ACCESS_LOG = "log-format \"%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %tsc"
            + " %ac/%fc/%bc/%sc/%rc %sq/%bq %HM %HPO %HV\"";

    private final Process process;
    private final Path directory;
    private final int port;

    private LoadBalancer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    public static LoadBalancer inFrontOf(List<ServerProcess> servers) throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        Path directory = Files.createTempDirectory("chat-haproxy-");
        StringBuilder config = new StringBuilder("""
                global
                    log stdout format raw local0 info
                defaults
                    log global
                    %s
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    retries 3
                    option redispatch
                frontend chat
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 1
                """.formatted(ACCESS_LOG, port));
        for (ServerProcess server : servers) {
            config.append("    server instance")
                    .append(server.port())
                    .append(" 127.0.0.1:")
                    .append(server.port())
                    .append(" check\n");
        }
        Path file = Files.writeString(directory.resolve("haproxy.cfg"), config);
        Process process = new ProcessBuilder("haproxy", "-f", file.toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile())
                .start();
        LoadBalancer balancer = new LoadBalancer(process, directory, port);
        balancer.awaitListening();
        return balancer;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "HAProxy did not start: " + Files.readString(directory.resolve("haproxy.log")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("HAProxy did not listen within " + STARTUP);
    }

    /** What HAProxy wrote so far: its access log among its other lines. */
    public String log() throws IOException {
        return Files.readString(directory.resolve("haproxy.log"));
    }

    public URI webSocket() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> written = Files.walk(directory)) {
            written.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }
}
