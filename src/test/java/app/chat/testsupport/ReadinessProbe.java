package app.chat.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Waits for a server the tests started to answer 200 at an address. Plain HTTP/1.1: no h2c upgrade
 * attempts against a server that is still booting. A server that never gets there fails the test
 * with its last answer and the end of its output: CI keeps the message, not the log file.
 */
final class ReadinessProbe {

    private static final int LOG_LINES_IN_FAILURE = 20;

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
        String lastAnswer = "nothing";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited; see " + log + ending(log));
            }
            try {
                HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body();
            } catch (IOException notYetListening) {
                lastAnswer = notYetListening.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " did not answer " + address + " within " + patience + " (last answer: "
                + lastAnswer + "); see " + log + ending(log));
    }

    private static String ending(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "; it ended with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_FAILURE), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "; its output could not be read: " + e;
        }
    }
}
