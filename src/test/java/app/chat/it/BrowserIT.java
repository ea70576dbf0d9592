package app.chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.PayaraProcess;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web client in a real browser: runs the browser tests (src/main/frontend/e2e, playwright-core
 * driving Debian's Chromium) against the built WAR on Payara Micro and the real database, with dev
 * login on. The tests can have the server killed and started again through a small control endpoint
 * this harness serves, to check that people reconnect and lose nothing.
 */
class BrowserIT {

    private static final Path FRONTEND = Path.of("src/main/frontend");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final long BROWSER_TESTS_MINUTES = 10;

    @Test
    void twoPeopleChatInTheBrowserAcrossAServerRestart() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium (.ci/run does)");
        try (PayaraProcess payara = PayaraProcess.start(Map.of("CHAT_DEV_LOGIN", "true"))) {
            HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            control.createContext("/kill", exchange -> answer(exchange, () -> payara.kill()));
            control.createContext("/start", exchange -> answer(exchange, () -> payara.restart()));
            control.start();
            try {
                String base = payara.webSocket()
                        .toString()
                        .replaceFirst("^ws", "http")
                        .replaceFirst("ws$", "");
                ProcessBuilder builder = new ProcessBuilder(List.of("npm", "run", "e2e"))
                        .directory(FRONTEND.toFile())
                        .inheritIO();
                builder.environment()
                        .putAll(Map.of(
                                "CHAT_BASE_URL",
                                base,
                                "CHAT_CONTROL_URL",
                                "http://127.0.0.1:" + control.getAddress().getPort(),
                                "SCREENSHOT_DIR",
                                Path.of("docs/screenshots").toAbsolutePath().toString()));
                Process run = builder.start();
                if (!run.waitFor(BROWSER_TESTS_MINUTES, TimeUnit.MINUTES)) {
                    run.destroyForcibly();
                    throw new AssertionError(
                            "the browser tests did not finish within " + BROWSER_TESTS_MINUTES + " minutes");
                }
                assertEquals(0, run.exitValue(), "browser tests failed: see their output above");
            } finally {
                control.stop(0);
            }
        }
    }

    private interface ServerAction {
        void run() throws Exception;
    }

    private static void answer(HttpExchange exchange, ServerAction action) throws IOException {
        int status = 204;
        try {
            action.run();
        } catch (Exception e) {
            status = 500;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
