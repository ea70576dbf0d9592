package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import app.chat.testsupport.ThrowawayPostgres;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * While PostgreSQL is down, nothing is acknowledged and senders are told to retry; the server stays
 * up, and it recovers by itself when the database is back. The database here is one the test owns.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(4) // beside the others, the longest first (pom.xml)
class DatabaseOutageIT {

    private static ThrowawayPostgres postgres;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        postgres = ThrowawayPostgres.create("chat");
        server = ServerProcess.start(Map.of("CHAT_DB_URL", postgres.jdbcUrl("chat"), "CHAT_LOG_FORMAT", "json"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sendsDuringAnOutageAreRefusedAsUnavailableAndTheServerRecoversByItself() throws Exception {
        String room = unique("outage");
        String aliceId = unique("alice");
        try (ChatClient alice = ChatClient.connect(
                        server.webSocket(), TestTokens.forUser(aliceId).sign());
                ChatClient bob = ChatClient.connect(
                        server.webSocket(), TestTokens.forUser(unique("bob")).sign())) {
            alice.join(room);
            bob.join(room);
            long before = alice.post(room, "before").getJsonNumber("id").longValue();
            bob.awaitType("message");

            postgres.stop();
            for (int i = 0; i < 3; i++) {
                JsonObject answer = alice.request(frame("message", "room", room, "content", "during " + i));
                assertEquals("error", answer.getString("type"), "nothing is acknowledged while the database is down");
                assertEquals("unavailable", answer.getString("code"));
            }
            bob.assertNothing(e -> e.getString("type").equals("message"), Duration.ofMillis(500));
            assertTrue(alice.isOpen() && bob.isOpen(), "the server stays up and keeps its connections");

            postgres.start();
            long after = postUntilAcknowledged(alice, room, "after", Duration.ofSeconds(60));
            assertEquals(after, bob.awaitType("message").getJsonNumber("id").longValue());
            List<String> history =
                    alice
                            .ok(frame("history", "room", room))
                            .getJsonArray("messages")
                            .getValuesAs(JsonObject.class)
                            .stream()
                            .map(m -> m.getString("content"))
                            .toList();
            assertEquals(
                    List.of("before", "after"),
                    history,
                    "exactly the acknowledged messages (" + before + ", " + after + ")");
        }
        List<JsonObject> outageLines = server.jsonLines().stream()
                .filter(line -> line.getString("event").startsWith("database."))
                .toList();
        assertEquals(
                List.of("database.unreachable", "database.recovered"),
                outageLines.stream().map(line -> line.getString("event")).toList(),
                "the operator reads one line when the database goes away and one when it is back");
        assertTrue(outageLines.get(1).getInt("failed_operations") >= 3, outageLines.toString());
        assertFalse(outageLines.get(0).containsKey("stack"), "an outage is not a bug: no stack trace");
        assertTrue(
                outageLines.get(0).getString("cause").matches("(?s).*SQL state (08|57P).*"),
                outageLines.get(0).toString());
    }

    /** What a client does after an outage: retry on unavailable until the server takes it. */
    private static long postUntilAcknowledged(ChatClient client, String room, String content, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject answer = client.request(frame("message", "room", room, "content", content));
            if (answer.getString("type").equals("ack")) {
                return answer.getJsonNumber("id").longValue();
            }
            assertEquals("unavailable", answer.getString("code"), answer.toString());
            Thread.sleep(500);
        }
        return fail("the server did not recover within " + patience);
    }
}
