package app.chat.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro running the built WAR in a child process, started and killed by the test itself,
 * for behaviour across restarts that Arquillian's lifecycle cannot express (kill -9 included). It
 * inherits the environment failsafe sets for the integration tests.
 */
public final class PayaraProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final int port;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;

    private PayaraProcess(int port, Path log, Map<String, String> environment) {
        this.port = port;
        this.log = log;
        this.environment = environment;
    }

    public static PayaraProcess start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /** @param environment variables to set on top of the inherited test environment */
    public static PayaraProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        PayaraProcess payara = new PayaraProcess(freePort(), Files.createTempFile("payara-", ".log"), Map.copyOf(environment));
        payara.launch();
        return payara;
    }

    public URI webSocket() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    /** Like {@code kill -9}: no shutdown hooks, no chance to flush anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Like {@code kill} (SIGTERM): the server shuts down in order. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
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
    }

    private void launch() throws IOException, InterruptedException {
        String jar = System.getProperty("payara.microJar");
        String war = System.getProperty("chat.test.war");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "--deploy", war, "--contextroot", "/", "--port", String.valueOf(port), "--nocluster",
                "--rootdir", Files.createTempDirectory("payara-root-").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        awaitApplication();
    }

    /** Deployed means /ws answers 401 to a handshake without a token (404 while not, or if deployment failed). */
    private void awaitApplication() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the application did not come up within " + STARTUP + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
