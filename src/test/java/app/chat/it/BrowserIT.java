package app.chat.it;

import app.chat.testsupport.BrowserTests;
import app.chat.testsupport.CrowdedDirectory;
import app.chat.testsupport.ServerProcess;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web client in a real browser: runs the browser tests (src/main/frontend/e2e, playwright-core
 * driving Debian's Chromium) against the built WAR on the server under test and the real database, with dev
 * login on. The tests can have the server killed and started again through a small control endpoint
 * this harness serves, to check that people reconnect and lose nothing. The directory holds 20 000
 * more people than the tests sign in, as a company's would.
 */
class BrowserIT {

    /** A company's worth of people: the web client must never list them all. */
    private static final int DIRECTORY_SIZE = 20_000;

    /** The family name of the crowd, which the browser tests search for. */
    private static final String CROWD = "Crowd" + Long.toString(System.nanoTime() % 1_000_000L, 36);

    @Test
    void twoPeopleChatInTheBrowserAcrossAServerRestart() throws Exception {
        try (ServerProcess server = ServerProcess.start(
                // Dev login alone: it may not start beside the SSO key the test environment sets.
                Map.of("CHAT_DEV_LOGIN", "true", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", ""))) {
            CrowdedDirectory.add(CROWD, DIRECTORY_SIZE); // once the server has migrated the database
            HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            control.createContext("/kill", exchange -> answer(exchange, () -> server.kill()));
            control.createContext("/start", exchange -> answer(exchange, () -> server.restart()));
            control.start();
            try {
                BrowserTests.run(
                        "e2e",
                        Map.of(
                                "CHAT_BASE_URL",
                                BrowserTests.baseUrl(server.webSocket()),
                                "CHAT_CONTROL_URL",
                                "http://127.0.0.1:" + control.getAddress().getPort(),
                                "SCREENSHOT_DIR",
                                Path.of("docs/screenshots").toAbsolutePath().toString(),
                                "CHAT_CROWD",
                                CROWD,
                                "CHAT_CROWD_SIZE",
                                String.valueOf(DIRECTORY_SIZE)));
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
