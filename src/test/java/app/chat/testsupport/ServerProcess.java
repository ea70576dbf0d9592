package app.chat.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server under test (Payara Micro, or Open Liberty when the system property
 * {@code chat.test.server} is {@code liberty}) running the built WAR in a child process, started and
 * killed by the test itself, for behaviour across restarts that Arquillian's lifecycle cannot
 * express (kill -9 included). It inherits the environment failsafe sets for the integration tests.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final ServerLauncher launcher;
    private final int port;
    private final Path log;
    /** Where the server writes what it needs (its root or user directory); deleted on close. */
    private final Path directory;

    private final Map<String, String> environment;
    private final Optional<ServerLauncher.Https> https;
    private Process process;

    private ServerProcess(ServerLauncher launcher, int port, Map<String, String> environment) throws IOException {
        this(launcher, port, environment, Optional.empty());
    }

    private ServerProcess(
            ServerLauncher launcher, int port, Map<String, String> environment, Optional<ServerLauncher.Https> https)
            throws IOException {
        this.launcher = launcher;
        this.https = https;
        this.port = port;
        this.log = Files.createTempFile(launcher.name().toLowerCase(Locale.ROOT).replace(' ', '-') + "-", ".log");
        this.environment = environment;
        this.directory = Files.createTempDirectory("chat-server-" + port + "-");
    }

    public static ServerProcess start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /** @param environment variables to set on top of the inherited test environment */
    public static ServerProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        return start(environment, freePort());
    }

    /** On a port chosen beforehand, for a set-up that must know the address first (a sign-in provider's redirects). */
    public static ServerProcess start(Map<String, String> environment, int port)
            throws IOException, InterruptedException {
        return launched(new ServerProcess(ServerLauncher.configured(), port, Map.copyOf(environment)));
    }

    /** Launches the server, or cleans up after it when it does not come up. */
    private static ServerProcess launched(ServerProcess server) throws IOException, InterruptedException {
        try {
            server.launch();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * With a TLS listener too (the server's own self-signed certificate, which test clients trust)
     * and HTTP sessions that expire after {@code sessionTimeout} of inactivity.
     */
    public static ServerProcess startSecure(Duration sessionTimeout) throws IOException, InterruptedException {
        int port = freePort();
        int securePort;
        do {
            // Free ports are found one after the other: the second may be the first one again.
            securePort = freePort();
        } while (securePort == port);
        return launched(new ServerProcess(
                ServerLauncher.configured(),
                port,
                Map.of(),
                Optional.of(new ServerLauncher.Https(securePort, sessionTimeout))));
    }

    /** The TLS address of a server started with {@link #startSecure}. */
    public URI secureWebSocket() {
        return URI.create("wss://localhost:" + https.orElseThrow().port() + "/ws");
    }

    /** How long after a handshake this server has certainly expired the HTTP session it created. */
    public Duration sessionsExpiredWithin() {
        return launcher.sessionsExpiredWithin(https.orElseThrow().sessionTimeout());
    }

    /** Which server runs the tests: "Payara Micro" or "Open Liberty". */
    public String serverName() {
        return launcher.name();
    }

    /**
     * Starts the server without waiting for the application, for tests of a deployment that must
     * fail; {@link #awaitLog} then waits for what it says.
     */
    public static ServerProcess startUnchecked(Map<String, String> environment) throws IOException {
        ServerProcess server = new ServerProcess(ServerLauncher.configured(), freePort(), Map.copyOf(environment));
        server.spawn();
        return server;
    }

    /** Waits until the server's output contains the text; fails after the timeout. */
    public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("\"" + text + "\" did not appear in " + log + " within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** Everything the server printed so far. */
    public List<String> output() throws IOException {
        return Files.readAllLines(log);
    }

    /** The lines the application wrote as JSON (with chat.log.format=json), oldest first. */
    public List<JsonObject> jsonLines() throws IOException {
        return output().stream()
                .filter(line -> line.startsWith("{") && line.contains("\"event\""))
                .map(line -> Json.createReader(new StringReader(line)).readObject())
                .toList();
    }

    /** Waits until the application logged an event; returns its line. */
    public JsonObject awaitEvent(String event, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonObject line : jsonLines()) {
                if (event.equals(line.getString("event", null))) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + event + " line in " + log + " within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** The HTTP status of a GET of the path, or -1 when nothing answers. */
    public int status(String path) throws InterruptedException {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    public int port() {
        return port;
    }

    public URI webSocket() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** Like {@code kill -9}: no shutdown hooks, no chance to flush anything. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> all = everyProcess();
        all.forEach(ProcessHandle::destroyForcibly);
        awaitExit(all, Duration.ofSeconds(30));
    }

    /**
     * Like {@code kill} (SIGTERM): the server shuts down in order. Returns once every process of it
     * has exited (a launcher script exits at once, the server after its graceful stop), or kills
     * what is left after a minute; says which, for the failure messages of the tests that stop it.
     */
    public Stopped stop() throws InterruptedException {
        long start = System.nanoTime();
        List<ProcessHandle> all = everyProcess();
        all.forEach(ProcessHandle::destroy);
        boolean killed = false;
        if (!awaitExit(all, Duration.ofSeconds(60))) {
            killed = true;
            all.forEach(ProcessHandle::destroyForcibly);
            awaitExit(all, Duration.ofSeconds(30));
        }
        return new Stopped(
                Duration.ofNanos(System.nanoTime() - start),
                killed,
                all.stream().filter(ProcessHandle::isAlive).count());
    }

    /** How a {@link #stop} ended: how long it took, whether it had to kill, and what still runs. */
    public record Stopped(Duration took, boolean killed, long stillAlive) {
        @Override
        public String toString() {
            return (killed ? "killed after no graceful stop within 60 s" : "stopped gracefully") + " in "
                    + took.toMillis() + " ms" + (stillAlive > 0 ? ", " + stillAlive + " process(es) still alive" : "");
        }
    }

    /** The launched process and its descendants, found while the launcher still lives. */
    private List<ProcessHandle> everyProcess() {
        return Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (ProcessHandle each : processes) {
            try {
                each.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    /** Starts again on the same port against the same database. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
        try (Stream<Path> written = Files.walk(directory)) {
            written.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }

    private void launch() throws IOException, InterruptedException {
        spawn();
        awaitApplication();
    }

    private void spawn() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        launcher.command(Path.of(System.getProperty("chat.test.war")), port, directory, https))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(launcher.environment(port));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * Up means MicroProfile Health's readiness answers 200 (503 while not ready, 404 or 500 while
     * the application is not deployed).
     */
    private void awaitApplication() throws InterruptedException {
        ReadinessProbe.await(
                URI.create("http://127.0.0.1:" + port + "/health/ready"), process, STARTUP, launcher.name(), log);
    }

    /**
     * A port nothing listens on now, from the top of the range: below it are the fixed ports other
     * servers of the build take later (Open Liberty's 9080), which a widened ephemeral range (as
     * bench/run sets) would otherwise hand out too. Never the same port twice in one test run: a
     * server restarted on its port must not find it taken by one that a class running beside it
     * started in the meantime.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (socket.getLocalPort() >= LOWEST_FREE_PORT && HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /** Every port {@link #freePort()} has handed out in this JVM (test classes run side by side). */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static final int LOWEST_FREE_PORT = 32768;
}
