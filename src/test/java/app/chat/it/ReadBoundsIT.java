package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.BystanderLatency;
import app.chat.testsupport.ChatClient;
import app.chat.testsupport.OwnDatabase;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * One employee's reads cannot stall an instance: each statement of a read is cancelled at the
 * statement timeout and answered {@code unavailable} with a hint, and one person's reads hold no more
 * than their share of the read lane, however many connections they open, while someone else looks
 * people up. The slow reads are made slow for sure by a lock this test holds on the reactions table
 * of a database of its own (a page of history reads its reactions), so nobody else runs into it.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(10) // beside the others, the longest first (pom.xml)
class ReadBoundsIT {

    private static final int CONNECTIONS = 8;

    @Test
    void onePersonsStuckReadsAreCutAtTheTimeoutAndLeaveTheLaneToOthers() throws Exception {
        try (OwnDatabase database = OwnDatabase.create("chat_reads");
                ServerProcess server = ServerProcess.start(
                        Map.of("CHAT_DB_URL", database.url(), "CHAT_READS_STATEMENT_TIMEOUT_SECONDS", "1"))) {
            String token = TestTokens.forUser("mallory").sign();
            List<ChatClient> mallory = new ArrayList<>();
            try (ChatClient bob = ChatClient.connect(
                            server.webSocket(), TestTokens.forUser("bob").sign());
                    ChatClient carol = ChatClient.connect(
                            server.webSocket(),
                            TestTokens.forUser("carol").name("Carol Bystander").sign())) {
                for (int i = 0; i < CONNECTIONS; i++) {
                    mallory.add(ChatClient.connect(server.webSocket(), token));
                }
                mallory.get(0).dm("bob", "a page of history to read");
                List<JsonObject> answers = Collections.synchronizedList(new ArrayList<>());
                try (Connection lock = database.connect();
                        Statement sql = lock.createStatement()) {
                    lock.setAutoCommit(false);
                    sql.execute("lock table reactions in access exclusive mode");
                    BystanderLatency.whileAbusingReads(carol, "one person's reads stuck on a lock", () -> {
                        List<String> refs = new ArrayList<>();
                        for (int i = 0; i < CONNECTIONS; i++) {
                            String ref = "stuck-" + System.nanoTime();
                            refs.add(ref);
                            mallory.get(i)
                                    .sendRaw(frame("dm_history", "with", "bob", "ref", ref)
                                            .build()
                                            .toString());
                        }
                        for (int i = 0; i < CONNECTIONS; i++) {
                            String ref = refs.get(i);
                            answers.add(mallory.get(i).await(event -> ref.equals(event.getString("ref", null))));
                        }
                        return true;
                    });
                    lock.rollback();
                }
                assertFalse(answers.isEmpty());
                for (JsonObject answer : answers) {
                    assertEquals("unavailable", answer.getString("code", answer.getString("type")), answer.toString());
                    assertTrue(answer.getString("message").contains("took too long"), answer.toString());
                }
                // Once the lock is gone, the same read is answered.
                assertEquals(
                        "dm_history",
                        mallory.get(0)
                                .request(frame("dm_history", "with", "bob"))
                                .getString("type"));
            } finally {
                mallory.forEach(ChatClient::close);
            }
        }
    }
}
