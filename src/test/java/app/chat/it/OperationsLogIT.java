package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What an operator reads with {@code chat.log.format=json}: JSON lines with the same fields, one
 * start-up summary without secrets, refusals summed up per interval (one second here) with who
 * caused them, and never a token.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(6) // beside the others, the longest first (pom.xml)
class OperationsLogIT {

    /** Ignored by the test database (trust authentication), so it can be looked for in the log. */
    private static final String DATABASE_PASSWORD = "s3cret-" + unique("pw");

    /** Payara's text format names the logger in brackets, colour codes around it on a terminal. */
    private static final Pattern SERVER_FORMAT_OF_THE_APPLICATION =
            Pattern.compile("\\[(\\x1B\\[[0-9;]*m)?app\\.chat\\.[A-Za-z.]+(\\x1B\\[0m)?\\] \\[tid");

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(Map.of(
                "CHAT_LOG_FORMAT", "json",
                "CHAT_LOG_SUMMARY_SECONDS", "1",
                "CHAT_DB_PASSWORD", DATABASE_PASSWORD,
                "CHAT_RATE_MESSAGES_PER_SECOND", "10"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theStartUpLineSummarisesTheConfigurationWithoutSecrets() throws Exception {
        JsonObject started = server.awaitEvent("chat.started", Duration.ofSeconds(10));
        JsonObject config = started.getJsonObject("config");
        assertEquals("json", config.getString("chat.log.format"));
        assertEquals("https://sso.test.example", config.getString("mp.jwt.verify.issuer"));
        assertEquals("set", config.getString("chat.db.password"));
        assertEquals("10", config.getString("chat.rate.messages-per-second"));
        assertFalse(String.join("\n", server.output()).contains(DATABASE_PASSWORD), "the password is never logged");
    }

    @Test
    void refusedHandshakesAreSummedUpWithTheAddressThatCausedThem() throws Exception {
        String forged = TestTokens.forUser(unique("mallory"))
                .issuer("https://elsewhere.example")
                .sign();
        for (int i = 0; i < 25; i++) {
            assertEquals(
                    401,
                    ChatClient.refusedStatus(server.webSocket(), forged, ChatClient.Carrier.QUERY_PARAMETER, Map.of()));
        }
        JsonObject summary = server.awaitEvent("handshakes.refused", Duration.ofSeconds(10));
        assertEquals("WARNING", summary.getString("level"));
        assertTrue(summary.getJsonObject("by_reason").getInt("token") >= 1, summary.toString());
        assertEquals("127.0.0.1", summary.getString("top_address"));
        assertEquals(25, waitForTotal("handshakes.refused", "token", 25), "every refusal is counted once");
        assertFalse(String.join("\n", server.output()).contains(forged), "tokens are never logged");
    }

    @Test
    void requestsBeyondAnAllowanceAreSummedUpWithThePersonWhoSentThem() throws Exception {
        String flooder = unique("flooder");
        String room = unique("flood");
        int refused = 0;
        try (ChatClient client = ChatClient.connect(
                server.webSocket(), TestTokens.forUser(flooder).sign())) {
            client.join(room);
            for (int i = 0; i < 60; i++) {
                JsonObject answer = client.request(frame("message", "room", room, "content", "flood " + i));
                if (answer.getString("type").equals("error")) {
                    assertEquals("rate_limited", answer.getString("code"));
                    refused++;
                }
            }
        }
        assertTrue(refused > 0, "the flood met the allowance");
        JsonObject summary = server.awaitEvent("requests.refused", Duration.ofSeconds(10));
        assertEquals(flooder, summary.getString("top_user"));
        assertEquals(refused, waitForTotal("requests.refused", "messages", refused));
        assertFalse(String.join("\n", server.output()).contains("flood 59"), "message content is never logged");
    }

    @Test
    void everyLineOfTheApplicationIsOneJsonObjectWithTheCommonFields() throws Exception {
        server.awaitEvent("chat.started", Duration.ofSeconds(10));
        List<JsonObject> lines = server.jsonLines();
        for (JsonObject line : lines) {
            for (String field : List.of("time", "level", "logger", "event", "message")) {
                assertTrue(line.containsKey(field), field + " missing in " + line);
            }
        }
        assertTrue(
                server.output().stream().noneMatch(SERVER_FORMAT_OF_THE_APPLICATION.asPredicate()),
                "no line of the application is left in the server's text format");
    }

    /** The sum of one reason over all summary lines, once it reached what is expected (or after a while). */
    private static long waitForTotal(String event, String reason, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long total;
        do {
            total = server.jsonLines().stream()
                    .filter(line -> line.getString("event").equals(event))
                    .mapToLong(line -> line.getJsonObject("by_reason").getInt(reason, 0))
                    .sum();
            if (total >= expected) {
                return total;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return total;
    }
}
