package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.EmptyDatabase;
import app.chat.testsupport.FaultyConversation;
import app.chat.testsupport.LoadBalancer;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Several instances of the server on one database behave as one chat: what is posted, joined, left
 * or invited on one holds on the others at once, and so do presence and typing. Instances
 * {@code first}, {@code second} and {@code doomed} announce their writes and listen; {@code second}
 * and {@code doomed} are also behind HAProxy, and one test kills {@code doomed}; {@code quiet} has notifications switched off, so what it writes reaches
 * the others, and what they write reaches it, through the feed's polling alone.
 *
 * <p>Runs beside the other test classes: its servers and its database are its own.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(2) // beside the others, the longest first (pom.xml)
class InstancesIT {

    private static ServerProcess first;
    private static ServerProcess second;
    private static ServerProcess quiet;
    private static ServerProcess doomed;
    private static LoadBalancer balancer;

    /** Heartbeats this often, so an instance killed without stopping is taken for dead within 1.5 s. */
    private static final Map<String, String> LISTENING = Map.of("CHAT_PRESENCE_HEARTBEAT_MS", "500");

    /** Its own, which the instances migrate together: cutting its feeds' connections reaches no other test's server. */
    private static String database;

    @BeforeAll
    static void start() throws Exception {
        database = EmptyDatabase.create("chat_instances_it");
        // Side by side: most of a start is waiting.
        CompletableFuture<ServerProcess> startingQuiet = CompletableFuture.supplyAsync(
                () -> startWith(Map.of("CHAT_FEED_NOTIFY", "false", "CHAT_FEED_POLL_MILLIS", "200")));
        CompletableFuture<ServerProcess> startingDoomed = CompletableFuture.supplyAsync(() -> startWith(LISTENING));
        first = startWith(LISTENING);
        second = startWith(LISTENING);
        quiet = startingQuiet.join();
        doomed = startingDoomed.join();
        balancer = LoadBalancer.inFrontOf(List.of(second, doomed));
    }

    private static ServerProcess startWith(Map<String, String> environment) {
        try {
            Map<String, String> onItsDatabase = new HashMap<>(environment);
            onItsDatabase.put("CHAT_DB_URL", database);
            return ServerProcess.start(onItsDatabase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (ServerProcess server : new ServerProcess[] {first, second, quiet, doomed}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static ChatClient connect(ServerProcess server, String user) {
        ChatClient client =
                ChatClient.connect(server.webSocket(), TestTokens.forUser(user).sign());
        client.ok(frame("rooms"));
        return client;
    }

    /** The ids of the room's messages this client received, in the order it received them. */
    private static List<Long> roomMessageIds(ChatClient client, String room, int expected) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            ids.add(client.await(e -> e.getString("type").equals("message") && room.equals(e.getString("room", null)))
                    .getJsonNumber("id")
                    .longValue());
        }
        return ids;
    }

    @Test
    void everyMemberOnEveryInstanceReceivesEachMessageOnceInTheOrderOfHistoryWhilePeoplePostEverywhere()
            throws Exception {
        String room = unique("everywhere");
        int each = 30;
        ServerProcess[] servers = {first, second, quiet};
        List<ChatClient> people = new ArrayList<>();
        try {
            for (ServerProcess server : servers) {
                ChatClient person = connect(server, unique("poster"));
                person.join(room);
                people.add(person);
            }
            List<CompletableFuture<Void>> posting = new ArrayList<>();
            for (ChatClient person : people) {
                posting.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        person.post(room, "message " + i);
                    }
                }));
            }
            CompletableFuture.allOf(posting.toArray(CompletableFuture[]::new)).join();

            int total = each * people.size();
            List<Long> history = new ArrayList<>();
            people.get(0)
                    .ok(frame("history", "room", room, "limit", 100))
                    .getJsonArray("messages")
                    .getValuesAs(JsonObject.class)
                    .forEach(m -> history.add(m.getJsonNumber("id").longValue()));
            assertEquals(total, history.size(), "history holds every message");
            for (ChatClient person : people) {
                assertEquals(history, roomMessageIds(person, room, total), "live order equals history, no repeats");
                person.assertNothing(
                        e -> e.getString("type").equals("message") && room.equals(e.getString("room", null)),
                        Duration.ofMillis(500));
            }
        } finally {
            people.forEach(ChatClient::close);
        }
    }

    @Test
    void theLoadBalancersAccessLogNamesTheSocketButNeverATokenInItsAddress() throws Exception {
        String token = TestTokens.forUser(unique("carrier")).sign();
        try (ChatClient client =
                ChatClient.connect(balancer.webSocket(), token, ChatClient.Carrier.QUERY_PARAMETER, Map.of())) {
            client.ok(frame("rooms"));
        }
        // HAProxy writes a tunnel's line when it closes.
        long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
        while (!balancer.log().contains("GET /ws ") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String log = balancer.log();
        assertTrue(log.contains("GET /ws "), log);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertFalse(log.contains(signature), "the token is not in the access log: " + log);
        assertFalse(log.contains("token="), log);
    }

    @Test
    void aDirectMessageReachesItsRecipientOnAnotherInstance() {
        String alice = unique("alice");
        String bob = unique("bob");
        try (ChatClient onFirst = connect(first, alice);
                ChatClient onQuiet = connect(quiet, bob)) {
            onFirst.dm(bob, "psst");
            JsonObject received = onQuiet.await(e -> e.getString("type").equals("dm"));
            assertEquals("psst", received.getString("content"));
            assertEquals(alice, received.getString("from"));
            onQuiet.dm(alice, "yes?");
            JsonObject answer = onFirst.await(
                    e -> e.getString("type").equals("dm") && e.getString("from").equals(bob));
            assertEquals("yes?", answer.getString("content"));
        }
    }

    @Test
    void anInvitationOnOneInstanceLetsTheInviteeReadAndPostOnAnotherAndLeavingThereEndsItEverywhere() {
        String owner = unique("owner");
        String guest = unique("guest");
        String room = unique("secret");
        try (ChatClient ownerOnFirst = connect(first, owner);
                ChatClient guestOnSecond = connect(second, guest)) {
            ownerOnFirst.ok(frame("create_room", "room", room, "private", true));
            ownerOnFirst.ok(frame("invite", "room", room, "user", guest));

            JsonObject invited = guestOnSecond.await(e -> e.getString("type").equals("invited"));
            assertEquals(room, invited.getString("room"));
            guestOnSecond.ok(frame("history", "room", room));
            guestOnSecond.post(room, "thanks for the invitation");
            guestOnSecond.await(e -> e.getString("type").equals("message") && room.equals(e.getString("room", null)));
            assertEquals(
                    "thanks for the invitation",
                    ownerOnFirst
                            .await(e -> e.getString("type").equals("message") && room.equals(e.getString("room", null)))
                            .getString("content"));

            guestOnSecond.ok(frame("leave", "room", room));
            ownerOnFirst.post(room, "after the guest left");
            guestOnSecond.assertNothing(
                    e -> e.getString("type").equals("message") && room.equals(e.getString("room", null)),
                    Duration.ofSeconds(1));
            try (ChatClient guestOnFirst = connect(first, guest)) {
                JsonObject refused = guestOnFirst.request(frame("message", "room", room, "content", "let me in"));
                assertEquals("error", refused.getString("type"));
                assertEquals(
                        "not_found", refused.getString("code"), "a private room one left is as if it did not exist");
            }
        }
    }

    @Test
    void theFeedConnectionKilledFromTheDatabaseSideInTheMiddleOfABurstLosesAndRepeatsNothing() throws Exception {
        String room = unique("terminated");
        int burst = 200;
        try (ChatClient poster = connect(first, unique("poster"));
                ChatClient reader = connect(second, unique("reader"))) {
            poster.join(room);
            reader.join(room);
            CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < burst; i++) {
                    poster.post(room, "burst " + i);
                }
            });
            Thread.sleep(100);
            try (Connection db = DriverManager.getConnection(database, EmptyDatabase.user(), "");
                    Statement sql = db.createStatement()) {
                sql.execute(
                        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'chat-feed'"
                                + " and datname = current_database()");
            }
            posting.join();

            List<Long> received = roomMessageIds(reader, room, burst);
            assertEquals(burst, received.stream().distinct().count(), "no message twice");
            assertTrue(isIncreasing(received), "in id order: " + received);
            reader.assertNothing(
                    e -> e.getString("type").equals("message") && room.equals(e.getString("room", null)),
                    Duration.ofMillis(500));
        }
    }

    @Test
    void aMembershipChangeMissedWhileTheFeedWasNotListeningHoldsOnceItListensAgain() throws Exception {
        String room = unique("missed");
        String leaverId = unique("leaver");
        try (ChatClient leaver = connect(second, leaverId)) {
            leaver.join(room);
            leaver.post(room, "still a member");
            try (Connection db = DriverManager.getConnection(database, EmptyDatabase.user(), "");
                    Statement sql = db.createStatement()) {
                // A change no instance hears of, as one committed while their feeds were not listening.
                sql.execute("delete from room_members where user_id = '" + leaverId
                        + "' and room_id = (select id from rooms where name = '" + room + "')");
                sql.execute(
                        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'chat-feed'"
                                + " and datname = current_database()");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            JsonObject answer;
            do {
                Thread.sleep(200);
                answer = leaver.request(frame("message", "room", room, "content", "still here?"));
            } while (answer.getString("type").equals("ack") && System.nanoTime() < deadline);
            assertEquals("forbidden", answer.getString("code", answer.getString("type")), answer::toString);
        }
    }

    private static Predicate<JsonObject> presence(String user, boolean online) {
        return e -> e.getString("type").equals("presence")
                && e.getString("user").equals(user)
                && e.getBoolean("online") == online;
    }

    /** Whether the answer to watching the user says they are online; the client watches them from then on. */
    private static boolean watchedOnline(ChatClient client, String user) {
        return client.watch(user).getJsonArray("users").getJsonObject(0).getBoolean("online");
    }

    @Test
    void someoneConnectedToOneInstanceIsOnlineForPeopleOnAnotherAndOfflineAfterTheGracePeriod() {
        String walker = unique("walker");
        try (ChatClient watching = connect(second, unique("watcher"))) {
            ChatClient walking = connect(first, walker);
            watching.watchUntilOnline(walker);
            assertTrue(watchedOnline(watching, walker), "the other instance says online");

            walking.close();
            watching.await(presence(walker, false));
            assertFalse(watchedOnline(watching, walker), "the other instance says offline");
        }
    }

    @Test
    void someoneStaysOnlineWhileAnyInstanceHoldsAConnectionOfTheirs() {
        String roamer = unique("roamer");
        try (ChatClient watching = connect(first, unique("watcher"))) {
            ChatClient onSecond = connect(second, roamer);
            watching.watchUntilOnline(roamer);
            try (ChatClient onFirst = connect(first, roamer)) {
                onSecond.close();
                // Longer than the grace period (1 s in the tests): the connection here still counts.
                watching.assertNothing(presence(roamer, false), Duration.ofSeconds(2));
                assertTrue(watchedOnline(watching, roamer));
            }
            watching.await(presence(roamer, false));
        }
    }

    /**
     * The one test that kills an instance ({@code doomed}, behind HAProxy with {@code second}): people
     * talking through the load balancer lose and repeat nothing, and someone connected only to the
     * killed instance goes offline on the others within three heartbeats.
     */
    @Test
    void whenAnInstanceBehindTheLoadBalancerIsKilledNothingAcknowledgedIsLostAndItsUsersGoOffline() throws Exception {
        String victim = unique("victim");
        try (ChatClient watching = connect(first, unique("watcher"));
                ChatClient onDoomed = connect(doomed, victim)) {
            watching.watchUntilOnline(victim);

            FaultyConversation.Outcome outcome = FaultyConversation.run(balancer::webSocket, doomed::kill);

            assertEquals(0, outcome.lost(), "lost messages");
            assertEquals(0, outcome.duplicated(), "duplicated messages");
            assertEquals(0, outcome.foreign(), "messages delivered to someone not entitled to them");
            assertTrue(outcome.cutConnections(), "the test did cut connections: " + outcome);
            watching.await(presence(victim, false));
            assertFalse(watchedOnline(watching, victim));
        }
    }

    @Test
    void typingInARoomOnOneInstanceReachesItsMembersOnAnotherButNotTheTypist() {
        String room = unique("typing");
        String typist = unique("typist");
        try (ChatClient typing = connect(first, typist);
                ChatClient reading = connect(second, unique("reader"))) {
            typing.join(room);
            reading.join(room);

            JsonObject notice = typeUntilNoticed(typing, frame("typing", "room", room), reading);
            assertEquals(room, notice.getString("room"));
            assertEquals(typist, notice.getString("user"));
            typing.assertNothing(e -> e.getString("type").equals("typing"), Duration.ofMillis(500));
        }
    }

    @Test
    void typingInADirectConversationReachesTheRecipientOnAnotherInstance() {
        String typist = unique("typist");
        String recipient = unique("recipient");
        try (ChatClient typing = connect(second, typist);
                ChatClient reading = connect(first, recipient)) {
            JsonObject notice = typeUntilNoticed(typing, frame("typing", "to", recipient), reading);
            assertEquals(typist, notice.getString("user"));
            assertEquals(recipient, notice.getString("to"));
        }
    }

    @Test
    void readingOnOneInstanceIsHeardAtOnceByThePersonsConnectionsOnAnother() {
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(first, aliceId);
                ChatClient bobHere = connect(first, bobId);
                ChatClient bobThere = connect(second, bobId)) {
            long id = alice.dm(bobId, "read me anywhere").getJsonNumber("id").longValue();
            bobHere.ok(frame("read", "with", aliceId, "id", id));
            JsonObject heard = bobThere.await(e -> e.getString("type").equals("read"));
            assertEquals(aliceId, heard.getString("with"));
            assertEquals(id, heard.getJsonNumber("id").longValue());
        }
    }

    /**
     * Sends the typing notice once a second, as a client does while someone types, until the reader
     * receives one: notices may be dropped (docs/protocol.md), so one lost notice is not a failure,
     * none arriving in ten seconds is.
     */
    private static JsonObject typeUntilNoticed(
            ChatClient typing, jakarta.json.JsonObjectBuilder notice, ChatClient reading) {
        String frame = notice.build().toString();
        Predicate<JsonObject> isTyping = e -> e.getString("type").equals("typing");
        for (int attempt = 0; attempt < 10; attempt++) {
            typing.sendRaw(frame);
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (reading.received().stream().anyMatch(isTyping)) {
                break;
            }
        }
        return reading.await(isTyping);
    }

    private static boolean isIncreasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) <= ids.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
