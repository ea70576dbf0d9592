package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Delivery guarantees: resume without gaps, idempotent resends, typing, and connections that fail. */
class DeliveryIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    private static boolean isMessage(JsonObject event) {
        return event.getString("type").equals("message")
                || event.getString("type").equals("dm");
    }

    @Test
    void resumeReplaysEverythingMissedInOrderThenGoesLive() {
        String room = unique("resume");
        String elsewhere = unique("elsewhere");
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId)) {
            alice.join(room);
            alice.join(elsewhere);
            long cursor;
            try (ChatClient bob = connect(bobId)) {
                bob.join(room);
                alice.post(room, "seen live");
                cursor = id(bob.awaitType("message"));
            }
            List<Long> missed = new ArrayList<>();
            missed.add(id(alice.post(room, "while away 1")));
            missed.add(id(alice.dm(bobId, "psst")));
            alice.post(elsewhere, "not bob's business");
            missed.add(id(alice.post(room, "while away 2")));

            try (ChatClient bob = connect(bobId)) {
                JsonObject resumed = bob.ok(frame("resume", "after", cursor));
                assertEquals("resumed", resumed.getString("type"));
                assertTrue(resumed.getBoolean("complete"));
                assertEquals(3, resumed.getInt("replayed"));
                assertEquals(missed.get(2), resumed.getJsonNumber("cursor").longValue());
                List<Long> replayed = bob.received().stream()
                        .filter(DeliveryIT::isMessage)
                        .map(DeliveryIT::id)
                        .toList();
                assertEquals(missed, replayed, "exactly what was missed, in order, before the resumed answer");

                long live = id(alice.post(room, "back live"));
                assertEquals(live, id(bob.await(e -> isMessage(e) && id(e) == live)));
            }
        }
    }

    @Test
    void aGapLargerThanTheReplayLimitIsReportedSoTheClientPagesHistory() {
        String room = unique("gap");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            try (ChatClient bob = connect(bobId)) {
                bob.join(room);
            }
            long last = 0;
            for (int i = 0; i < 501; i++) {
                last = id(alice.post(room, "flood " + i));
            }
            try (ChatClient bob = connect(bobId)) {
                JsonObject resumed = bob.ok(frame("resume", "after", 0));
                assertFalse(resumed.getBoolean("complete"));
                assertEquals(0, resumed.getInt("replayed"));
                assertTrue(resumed.getJsonNumber("cursor").longValue() >= last);
                assertTrue(bob.received().stream().noneMatch(DeliveryIT::isMessage));
            }
        }
    }

    @Test
    void aResumeInTheHandshakeJoinsReplayAndLiveTrafficWithoutGapOrRepeat() throws Exception {
        String room = unique("busy");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long cursor;
            try (ChatClient bob = connect(bobId)) {
                bob.join(room);
                cursor = id(alice.post(room, "start"));
            }
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(id(alice.post(room, "before " + i)));
            }
            Thread poster = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    synchronized (sent) {
                        sent.add(id(alice.post(room, "during " + i)));
                    }
                }
            });
            poster.start();
            // Resuming in the handshake: the replay comes before any live event on this connection.
            URI resuming = URI.create(ChatDeployment.webSocket(base) + "?after=" + cursor);
            try (ChatClient bob =
                    ChatClient.connect(resuming, TestTokens.forUser(bobId).sign())) {
                JsonObject resumed = bob.awaitType("resumed");
                assertTrue(resumed.getBoolean("complete"));
                poster.join();
                long lastSent = sent.get(sent.size() - 1);
                JsonObject last = bob.await(e -> isMessage(e) && id(e) == lastSent);
                List<Long> received = new ArrayList<>(bob.received().stream()
                        .filter(DeliveryIT::isMessage)
                        .map(DeliveryIT::id)
                        .toList());
                received.add(id(last));
                Set<Long> distinct = new LinkedHashSet<>(received);
                assertEquals(sent, received, "every message exactly once, in order");
                assertEquals(sent.size(), distinct.size());
            }
        }
    }

    /**
     * A member misses 200 messages in a new room and resumes in the handshake, offering chat.v2
     * ({@code lines}) or chat.v1 only; the replay must be every one of them, in order.
     *
     * @return how many events each frame of the replay held
     */
    private List<Integer> framesOfAReplayOfTwoHundred(boolean lines) {
        String room = unique("replay");
        String bobId = unique("bob");
        List<Long> posted = new ArrayList<>();
        long cursor;
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId)) {
            alice.join(room);
            bob.join(room);
            cursor = id(alice.post(room, "start"));
        }
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            for (int i = 0; i < 200; i++) {
                posted.add(id(alice.post(room, "while away " + i)));
            }
        }
        URI resuming = URI.create(ChatDeployment.webSocket(base) + "?after=" + cursor);
        String token = TestTokens.forUser(bobId).sign();
        try (ChatClient bob =
                lines ? ChatClient.connectWithLines(resuming, token) : ChatClient.connect(resuming, token)) {
            bob.awaitType("resumed");
            List<Long> replayed = bob.received().stream()
                    .filter(DeliveryIT::isMessage)
                    .map(DeliveryIT::id)
                    .toList();
            assertEquals(posted, replayed, "every message once, in order");
            return bob.eventsPerFrame();
        }
    }

    @Test
    void underChatV2AReplayArrivesSeveralEventsToAFrameOnePerLineInOrder() {
        List<Integer> perFrame = framesOfAReplayOfTwoHundred(true);

        assertTrue(perFrame.stream().anyMatch(events -> events > 1), "the replay was queued faster than written");
        assertTrue(perFrame.size() < 200, perFrame.size() + " frames for 200 events");
    }

    @Test
    void underChatV1TheSameReplayIsOneEventPerFrame() {
        List<Integer> perFrame = framesOfAReplayOfTwoHundred(false);

        assertTrue(perFrame.stream().allMatch(events -> events == 1));
    }

    @Test
    void aResendWithTheSameClientIdIsStoredAndDeliveredOnce() {
        String room = unique("idem");
        String clientId = UUID.randomUUID().toString();
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            JsonObject first = alice.ok(frame("message", "room", room, "content", "once", "client_id", clientId));
            JsonObject again = alice.ok(frame("message", "room", room, "content", "once", "client_id", clientId));
            assertEquals(id(first), id(again), "the original ack comes back");
            assertEquals(first.getString("timestamp"), again.getString("timestamp"));
            assertEquals(clientId, again.getString("client_id"));
            JsonObject delivered = bob.awaitType("message");
            assertEquals(clientId, delivered.getString("client_id"));
            bob.assertNothing(DeliveryIT::isMessage, QUIET);
            List<JsonObject> history = alice.ok(frame("history", "room", room))
                    .getJsonArray("messages")
                    .getValuesAs(JsonObject.class);
            assertEquals(1, history.size());
            assertEquals(clientId, history.get(0).getString("client_id"));
        }
    }

    @Test
    void aDirectMessageResentWithTheSameClientIdIsDeliveredOnce() {
        String bobId = unique("bob");
        String clientId = UUID.randomUUID().toString();
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId)) {
            JsonObject first = alice.ok(frame("dm", "to", bobId, "content", "once", "client_id", clientId));
            JsonObject again = alice.ok(frame("dm", "to", bobId, "content", "once", "client_id", clientId));
            assertEquals(id(first), id(again));
            bob.awaitType("dm");
            bob.assertNothing(DeliveryIT::isMessage, QUIET);
        }
    }

    @Test
    void aMalformedClientIdIsABadRequest() {
        String room = unique("uuid");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            assertEquals(
                    "bad_request",
                    alice.request(frame("message", "room", room, "content", "x", "client_id", "42"))
                            .getString("code"));
        }
    }

    @Test
    void typingReachesTheOthersAndIsNeverStored() {
        String room = unique("typing");
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(bobId)) {
            alice.join(room);
            bob.join(room);
            assertEquals("ok", alice.ok(frame("typing", "room", room)).getString("type"));
            JsonObject notice = bob.awaitType("typing");
            assertEquals(room, notice.getString("room"));
            assertEquals(aliceId, notice.getString("user"));
            alice.assertNothing(e -> e.getString("type").equals("typing"), QUIET);

            alice.ok(frame("typing", "to", bobId));
            JsonObject direct = bob.awaitType("typing");
            assertEquals(aliceId, direct.getString("user"));
            assertEquals(bobId, direct.getString("to"));
            assertEquals(
                    0,
                    bob.ok(frame("history", "room", room))
                            .getJsonArray("messages")
                            .size());
        }
    }

    @Test
    void aReloadWithinTheGracePeriodDoesNotFlapPresence() {
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"))) {
            try (ChatClient bob = connect(bobId)) {
                bob.ok(frame("rooms"));
                assertTrue(alice.watch(bobId)
                        .getJsonArray("users")
                        .getJsonObject(0)
                        .getBoolean("online"));
            }
            try (ChatClient bobReloaded = connect(bobId)) {
                bobReloaded.ok(frame("rooms"));
                alice.assertNothing(
                        e -> e.getString("type").equals("presence")
                                && e.getString("user").equals(bobId),
                        Duration.ofMillis(1500));
            }
        }
    }

    @Test
    void aHalfOpenConnectionIsDroppedAndItsUserGoesOffline() throws Exception {
        String ghostId = unique("ghost");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.ok(frame("rooms")); // registered before the ghost arrives
            Socket silent = rawHandshake(ghostId);
            alice.watchUntilOnline(ghostId);
            // The raw socket never reads or answers pings: to the server it is a dead peer.
            JsonObject offline = alice.await(e -> e.getString("type").equals("presence")
                    && e.getString("user").equals(ghostId)
                    && !e.getBoolean("online"));
            assertFalse(offline.getBoolean("online"));
            silent.close();
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffWhileTheOthersKeepReceiving() {
        String room = unique("slow");
        String slowId = unique("slow");
        String big = "z".repeat(4000);
        try (ChatClient alice = connect(unique("alice"));
                ChatClient fast = connect(unique("fast"));
                ChatClient slow = connect(slowId)) {
            alice.join(room);
            fast.join(room);
            slow.join(room);
            alice.watch(slowId);
            slow.stopReading();
            List<Long> latenciesMillis = new ArrayList<>();
            List<Long> posted = new ArrayList<>();
            Set<Long> receivedByFast = new LinkedHashSet<>();
            // About 16 MB for the stuck client: more than socket buffers and its queue can hold.
            for (int i = 0; i < 4000; i++) {
                long started = System.nanoTime();
                long id = id(alice.post(room, big));
                posted.add(id);
                if (i % 500 == 0) {
                    // Fails (after ChatClient.WAIT) if delivery to others stalls behind the stuck client.
                    receivedByFast.add(id(fast.await(e -> isMessage(e) && id(e) == id)));
                    latenciesMillis.add((System.nanoTime() - started) / 1_000_000);
                }
            }
            alice.await(e -> e.getString("type").equals("presence")
                    && e.getString("user").equals(slowId)
                    && !e.getBoolean("online"));
            long lastId = posted.get(posted.size() - 1);
            receivedByFast.add(id(fast.await(e -> isMessage(e) && id(e) == lastId)));
            fast.received().stream().filter(DeliveryIT::isMessage).forEach(e -> receivedByFast.add(id(e)));
            assertEquals(
                    new LinkedHashSet<>(posted),
                    new java.util.TreeSet<>(receivedByFast)
                            .stream().collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)),
                    "the reading client missed nothing");
            System.out.println(
                    "Send-to-receive latency for a reading client while another was stuck (ms): " + latenciesMillis);
        }
    }

    /** Opens a WebSocket by hand and then goes silent, like a peer whose network vanished. */
    private Socket rawHandshake(String user) throws Exception {
        Socket socket = new Socket(base.getHost(), base.getPort());
        String path = base.getPath() + "ws?token=" + TestTokens.forUser(user).sign();
        String key = Base64.getEncoder()
                .encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                        + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String status = in.readLine();
        assertTrue(status.contains(" 101 "), status);
        return socket;
    }
}
