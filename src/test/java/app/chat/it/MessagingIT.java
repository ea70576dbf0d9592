package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.ScrapedMetrics;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Room messages, direct messages and history: shapes, isolation, paging, order and exactness. */
class MessagingIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private static List<JsonObject> messages(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    private static List<Long> ids(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonNumber("id").longValue()).toList();
    }

    @Test
    void anAckCarriesTheIdAndAServerTimestampInUtcWithMilliseconds() {
        String room = unique("ack");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            Instant before = Instant.now().minusSeconds(5);
            JsonObject ack = alice.post(room, "hello");
            assertTrue(ack.getJsonNumber("id").isIntegral());
            String timestamp = ack.getString("timestamp");
            assertTrue(timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), timestamp);
            assertTrue(Instant.parse(timestamp).isAfter(before));
        }
    }

    @Test
    void aDirectMessageReachesEveryConnectionOfBothPeopleAndNobodyElse() {
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient aliceTab2 = connect(aliceId);
                ChatClient bob = connect(bobId);
                ChatClient bobTab2 = connect(bobId);
                ChatClient eve = connect(unique("eve"))) {
            JsonObject ack = alice.dm(bobId, "salut");
            for (ChatClient client : List.of(alice, aliceTab2, bob, bobTab2)) {
                JsonObject dm = client.awaitType("dm");
                assertEquals(ack.getJsonNumber("id"), dm.getJsonNumber("id"));
                assertEquals(aliceId, dm.getString("from"));
                assertEquals(bobId, dm.getString("to"));
                assertEquals("salut", dm.getString("content"));
                assertEquals(ack.getString("timestamp"), dm.getString("timestamp"));
            }
            eve.assertNothing(e -> e.getString("type").equals("dm"), QUIET);
        }
    }

    @Test
    void aDirectMessageToSomeoneNeverSeenIsAnError() {
        try (ChatClient alice = connect(unique("alice"))) {
            JsonObject answer = alice.request(frame("dm", "to", unique("ghost"), "content", "anyone?"));
            assertEquals("unknown_user", answer.getString("code"));
        }
    }

    @Test
    void directHistoryHoldsOnlyTheConversationBetweenTheTwo() {
        String aliceId = unique("alice");
        String bobId = unique("bob");
        String carolId = unique("carol");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(bobId);
                ChatClient carol = connect(carolId)) {
            long first = alice.dm(bobId, "1 a->b").getJsonNumber("id").longValue();
            alice.dm(carolId, "a->c, not for bob");
            long second = bob.dm(aliceId, "2 b->a").getJsonNumber("id").longValue();
            carol.dm(bobId, "c->b, not for alice");

            JsonObject history = alice.ok(frame("dm_history", "with", bobId));
            assertEquals("dm_history", history.getString("type"));
            assertEquals(bobId, history.getString("with"));
            assertEquals(List.of(first, second), ids(messages(history)));
            JsonObject oldest = messages(history).get(0);
            assertEquals(aliceId, oldest.getString("from"));
            assertEquals(bobId, oldest.getString("to"));
            assertEquals("1 a->b", oldest.getString("content"));
            assertTrue(!oldest.containsKey("type"));

            assertEquals(List.of(first, second), ids(messages(bob.ok(frame("dm_history", "with", aliceId)))));
        }
    }

    @Test
    void historyPagesBackwardsOldestFirstWithDefaultAndCappedLimits() {
        String room = unique("pages");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                sent.add(alice.post(room, "m" + i).getJsonNumber("id").longValue());
            }
            List<JsonObject> latest = messages(alice.ok(frame("history", "room", room)));
            assertEquals(sent.subList(70, 120), ids(latest), "the latest 50, oldest first");
            assertEquals(room, latest.get(0).getString("room"));
            assertEquals("m70", latest.get(0).getString("content"));

            long before = sent.get(70);
            assertEquals(
                    sent.subList(60, 70),
                    ids(messages(alice.ok(frame("history", "room", room, "before", before, "limit", 10)))));
            assertEquals(
                    sent.subList(0, 100),
                    ids(messages(alice.ok(frame("history", "room", room, "before", sent.get(100), "limit", 1000)))),
                    "limit is capped at 100");
            assertEquals(List.of(), ids(messages(alice.ok(frame("history", "room", room, "before", sent.get(0))))));
        }
    }

    @Test
    void publicRoomHistoryIsReadableBeforeJoining() {
        String room = unique("lobby");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            long id = alice.post(room, "welcome all").getJsonNumber("id").longValue();
            assertEquals(List.of(id), ids(messages(bob.ok(frame("history", "room", room)))));
        }
    }

    @Test
    void contentIsStoredAndReturnedExactlyAsSent() {
        String room = unique("exact");
        String content = "  <script>alert('x')</script> **bold** \\n \"quotes\" 😀👩‍💻 \u00e9\u0301\n\ttrailing  ";
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            alice.post(room, content);
            assertEquals(content, alice.awaitType("message").getString("content"));
            assertEquals(
                    content,
                    messages(alice.ok(frame("history", "room", room))).get(0).getString("content"));
        }
    }

    @Test
    void concurrentSendersAreSeenByEveryMemberInOneOrderEqualToHistory() throws Exception {
        String room = unique("race");
        int senders = 6;
        int perSender = 40;
        List<ChatClient> clients = IntStream.range(0, senders)
                .mapToObj(i -> connect(unique("s" + i)))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            clients.forEach(client -> client.join(room));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                ChatClient sender = clients.get(s);
                int number = s;
                sending.add(pool.submit(() -> {
                    start.await();
                    for (int m = 0; m < perSender; m++) {
                        sender.sendRaw(frame("message", "room", room, "content", number + ":" + m)
                                .build()
                                .toString());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : sending) {
                f.get();
            }
            int total = senders * perSender;
            List<List<Long>> seen = new ArrayList<>();
            for (ChatClient client : clients) {
                List<Long> order = new ArrayList<>();
                List<String> contents = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    JsonObject message = client.awaitType("message");
                    order.add(message.getJsonNumber("id").longValue());
                    contents.add(message.getString("content"));
                }
                seen.add(order);
                // Each sender's own messages arrive in the order it sent them.
                for (int s = 0; s < senders; s++) {
                    String prefix = s + ":";
                    List<String> own =
                            contents.stream().filter(c -> c.startsWith(prefix)).toList();
                    assertEquals(
                            IntStream.range(0, perSender)
                                    .mapToObj(m -> prefix + m)
                                    .toList(),
                            own);
                }
            }
            List<Long> reference = seen.get(0);
            assertEquals(reference.stream().sorted().toList(), reference, "ids increase in delivery order");
            seen.forEach(order -> assertEquals(reference, order, "every member sees one order"));

            List<Long> history = new ArrayList<>();
            Long before = null;
            while (history.size() < total) {
                JsonObject page = before == null
                        ? clients.get(0).ok(frame("history", "room", room, "limit", 100))
                        : clients.get(0).ok(frame("history", "room", room, "limit", 100, "before", before));
                List<Long> pageIds = ids(messages(page));
                history.addAll(0, pageIds);
                before = pageIds.get(0);
            }
            assertEquals(reference, history, "history order equals live order");
        } finally {
            pool.shutdownNow();
            clients.forEach(ChatClient::close);
        }
    }

    @Test
    void theMetricsEndpointCountsHandshakesStoredMessagesAndAckLatency() {
        String room = unique("metered");
        ScrapedMetrics before = ScrapedMetrics.scrape(base);
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            alice.post(room, "counted once");
            ScrapedMetrics after = ScrapedMetrics.scrape(base);
            assertEquals(
                    1,
                    after.value("chat_messages_stored_total", "kind=\"room\"")
                            - before.value("chat_messages_stored_total", "kind=\"room\""));
            assertEquals(
                    1,
                    after.value("chat_handshakes_total", "outcome=\"accepted\"")
                            - before.value("chat_handshakes_total", "outcome=\"accepted\""));
            assertTrue(after.value("chat_connections_open") >= 1, after.text());
            assertEquals(
                    1, after.value("chat_ack_latency_seconds_count") - before.value("chat_ack_latency_seconds_count"));
            assertTrue(after.value("chat_ack_latency_seconds_bucket", "le=\"+Inf\"") >= 1, "a histogram");
        }
    }

    @Test
    void aTransactionWaitingOnTheDatabaseHoldsAPoolConnectionUntilItCompletes() throws Exception {
        String ref = unique("held");
        try (ChatClient alice = connect(unique("alice"));
                Connection blocker = DriverManager.getConnection(
                        System.getProperty("chat.test.db-url"), System.getProperty("chat.test.db-user"), "")) {
            double idle = ScrapedMetrics.scrape(base).value("chat_database_connections_in_use");
            assertEquals(24, ScrapedMetrics.scrape(base).value("chat_database_connections_max"));
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table rooms in exclusive mode"); // reads go on, new rooms wait
            }
            alice.sendRaw(frame("create_room", "room", unique("waiting"), "ref", ref)
                    .build()
                    .toString());
            assertEquals(idle + 1, awaitMetric("chat_database_connections_in_use", idle + 1));
            blocker.rollback();
            assertEquals(
                    "room_created",
                    alice.await(answer -> ref.equals(answer.getString("ref", null)))
                            .getString("type"));
            assertEquals(idle, awaitMetric("chat_database_connections_in_use", idle));
        }
    }

    /** Scrapes until the metric shows the value, or for ten seconds; returns the last value seen. */
    private double awaitMetric(String name, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
        double value;
        do {
            value = ScrapedMetrics.scrape(base).value(name);
            if (value == expected) {
                return value;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return value;
    }
}
