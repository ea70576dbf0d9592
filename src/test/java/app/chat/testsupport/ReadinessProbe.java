package app.chat.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for a server the tests started to answer 200 at an address. Plain HTTP/1.1: no h2c upgrade
 * attempts against a server that is still booting.
 */
final class ReadinessProbe {

    private ReadinessProbe() {}

    /**
     * @param what names the server in failures
     * @param log where its output goes, for the failure message
     */
    static void await(URI address, Process process, Duration patience, String what, Path log)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest probe =
                HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " did not answer " + address + " within " + patience + "; see " + log);
    }
}
