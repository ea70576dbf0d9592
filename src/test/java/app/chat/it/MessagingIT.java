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

/**
 * Room messages, direct messages and history: shapes, isolation, paging, order and exactness; and
 * their authors' edits and deletions, live, in history and in a resume.
 */
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

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    /** {@code message_edited} or {@code message_deleted}. */
    private static boolean isRevision(JsonObject event) {
        return event.getString("type").startsWith("message_");
    }

    private static JsonObject revision(ChatClient client, String type, long messageId) {
        return client.await(event -> type.equals(event.getString("type"))
                && event.getJsonNumber("message_id").longValue() == messageId);
    }

    @Test
    void anEditReachesEveryConnectionOfEveryMemberAndHistoryHoldsTheNewText() {
        String room = unique("edits");
        String aliceId = unique("alice");
        try (ChatClient alice = connect(aliceId);
                ChatClient aliceTab2 = connect(aliceId);
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            long message = id(alice.post(room, "teh plan"));

            JsonObject answer = alice.ok(frame("edit", "id", message, "content", "the plan"));
            assertEquals("ok", answer.getString("type"));
            String editedAt = null;
            for (ChatClient client : List.of(alice, aliceTab2, bob)) {
                JsonObject edited = revision(client, "message_edited", message);
                editedAt = edited.getString("edited_at");
                assertTrue(id(edited) > message, "a revision takes its own, later place in the stream");
                assertEquals(room, edited.getString("room"));
                assertEquals(aliceId, edited.getString("from"));
                assertEquals("the plan", edited.getString("content"));
            }
            List<JsonObject> history = messages(bob.ok(frame("history", "room", room)));
            assertEquals(List.of(message), ids(history), "history holds the message once, revisions left out");
            assertEquals("the plan", history.get(0).getString("content"));
            assertEquals(editedAt, history.get(0).getString("edited_at"));
        }
    }

    @Test
    void aDeletedMessageIsATombstoneEverywhereAndItsTextIsGoneFromTheDatabase() throws Exception {
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(bobId)) {
            long message = id(alice.dm(bobId, "my password is hunter2"));
            alice.ok(frame("delete", "id", message));
            for (ChatClient client : List.of(alice, bob)) {
                JsonObject deleted = revision(client, "message_deleted", message);
                assertEquals(aliceId, deleted.getString("from"));
                assertEquals(bobId, deleted.getString("to"));
                assertTrue(deleted.containsKey("deleted_at"));
                assertTrue(!deleted.containsKey("content"));
            }
            JsonObject tombstone =
                    messages(bob.ok(frame("dm_history", "with", aliceId))).get(0);
            assertEquals(message, id(tombstone));
            assertTrue(tombstone.getBoolean("deleted"));
            assertTrue(!tombstone.containsKey("content"), tombstone.toString());
            try (Connection database = DriverManager.getConnection(
                            System.getProperty("chat.test.db-url"), System.getProperty("chat.test.db-user"), "");
                    Statement query = database.createStatement();
                    var rows = query.executeQuery("select count(*) from messages where content like '%hunter2%'")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "the deleted text is stored nowhere");
            }
        }
    }

    @Test
    void onlyTheAuthorChangesAMessageAndWhoCannotSeeItCannotTellItExists() {
        String privateRoom = unique("secret");
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(bobId);
                ChatClient eve = connect(unique("eve"))) {
            alice.ok(frame("create_room", "room", privateRoom, "private", true));
            alice.ok(frame("invite", "room", privateRoom, "user", bobId));
            long inRoom = id(alice.post(privateRoom, "members only"));
            long direct = id(alice.dm(bobId, "just us"));

            for (String change : List.of("edit", "delete")) {
                JsonObject byBob = bob.request(frame(change, "id", inRoom, "content", "bob was here"));
                assertEquals("forbidden", byBob.getString("code"), change + " of someone else's message");
                for (long hidden : List.of(inRoom, direct, Long.MAX_VALUE)) {
                    JsonObject byEve = eve.request(frame(change, "id", hidden, "content", "eve was here"));
                    assertEquals("not_found", byEve.getString("code"));
                    assertEquals("no message with id " + hidden, byEve.getString("message"));
                }
            }
            assertEquals(
                    "members only",
                    messages(alice.ok(frame("history", "room", privateRoom)))
                            .get(0)
                            .getString("content"));
            bob.assertNothing(MessagingIT::isRevision, QUIET);
        }
    }

    @Test
    void aDeletedMessageCannotBeEditedAndDeletingItAgainChangesNothing() {
        String room = unique("gone");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long message = id(alice.post(room, "oops"));
            alice.ok(frame("delete", "id", message));
            revision(alice, "message_deleted", message);

            assertEquals("ok", alice.ok(frame("delete", "id", message)).getString("type"));
            JsonObject edit = alice.request(frame("edit", "id", message, "content", "too late"));
            assertEquals("not_found", edit.getString("code"));
            alice.assertNothing(MessagingIT::isRevision, QUIET);
        }
    }

    @Test
    void anEditIsCheckedLikeAMessage() {
        String room = unique("rules");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long message = id(alice.post(room, "fine"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("edit", "id", message, "content", " ")).getString("code"));
            assertEquals(
                    "too_large",
                    alice.request(frame("edit", "id", message, "content", "x".repeat(4001)))
                            .getString("code"));
            assertEquals(
                    "bad_request", alice.request(frame("edit", "id", message)).getString("code"));
            assertEquals(
                    "bad_request", alice.request(frame("delete", "id", "12")).getString("code"));
        }
    }

    @Test
    void aClientThatMissedEditsAndDeletionsIsReplayedThemInOrderWhenItResumes() {
        String room = unique("resume-edits");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long first = id(alice.post(room, "first"));
            long second = id(alice.post(room, "second"));
            long cursor;
            try (ChatClient bob = connect(bobId)) {
                bob.join(room);
                long seen = id(alice.post(room, "seen live"));
                cursor = id(bob.await(e -> "message".equals(e.getString("type")) && id(e) == seen));
            }
            alice.ok(frame("edit", "id", first, "content", "first, edited once"));
            alice.ok(frame("delete", "id", second));
            alice.ok(frame("edit", "id", first, "content", "first, edited twice"));
            long last = 0;
            for (int i = 0; i < 3; i++) { // the author's own connection hears them too
                last = id(alice.await(MessagingIT::isRevision));
            }

            try (ChatClient bob = connect(bobId)) {
                JsonObject resumed = bob.ok(frame("resume", "after", cursor));
                assertEquals(3, resumed.getInt("replayed"));
                assertEquals(last, resumed.getJsonNumber("cursor").longValue());
                List<JsonObject> replayed =
                        bob.received().stream().filter(MessagingIT::isRevision).toList();
                assertEquals(
                        List.of("message_edited", "message_deleted", "message_edited"),
                        replayed.stream().map(e -> e.getString("type")).toList());
                assertEquals(
                        List.of(first, second, first),
                        replayed.stream()
                                .map(e -> e.getJsonNumber("message_id").longValue())
                                .toList());
                assertEquals(
                        List.of("first, edited twice", "first, edited twice"),
                        List.of(
                                replayed.get(0).getString("content"),
                                replayed.get(2).getString("content")),
                        "a replayed edit brings the text as it is now");
            }
        }
    }
}
