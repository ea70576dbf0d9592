package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What was acknowledged is durable: it survives the server being killed (SIGKILL, no shutdown) and
 * started again, as do rooms and memberships.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(5) // beside the others, the longest first (pom.xml)
class DurabilityIT {

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static List<Long> ids(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonNumber("id").longValue())
                .toList();
    }

    @Test
    void acknowledgedMessagesRoomsAndMembershipsSurviveAKilledServer() throws Exception {
        String room = unique("durable");
        String secret = unique("secret");
        String aliceId = unique("alice");
        String bobId = unique("bob");
        List<Long> roomIds = new ArrayList<>();
        List<Long> dmIds = new ArrayList<>();
        try (ChatClient alice = ChatClient.connect(
                        server.webSocket(), TestTokens.forUser(aliceId).sign());
                ChatClient bob = ChatClient.connect(
                        server.webSocket(), TestTokens.forUser(bobId).sign())) {
            alice.join(room);
            alice.ok(frame("create_room", "room", secret, "private", true));
            alice.ok(frame("invite", "room", secret, "user", bobId));
            for (int i = 0; i < 30; i++) {
                roomIds.add(alice.post(room, "before the crash " + i)
                        .getJsonNumber("id")
                        .longValue());
                dmIds.add(alice.dm(bobId, "dm " + i).getJsonNumber("id").longValue());
            }
        }

        server.kill();
        server.restart();

        try (ChatClient alice = ChatClient.connect(
                        server.webSocket(), TestTokens.forUser(aliceId).sign());
                ChatClient bob = ChatClient.connect(
                        server.webSocket(), TestTokens.forUser(bobId).sign())) {
            assertEquals(roomIds, ids(alice.ok(frame("history", "room", room))));
            assertEquals(dmIds, ids(bob.ok(frame("dm_history", "with", aliceId))));
            // Bob is still a member of the private room without joining again, and hears it live.
            alice.ok(frame("users"));
            bob.ok(frame("users"));
            long id = alice.post(secret, "after the crash").getJsonNumber("id").longValue();
            assertEquals(id, bob.awaitType("message").getJsonNumber("id").longValue());
            assertEquals(List.of(id), ids(bob.ok(frame("history", "room", secret))));
        }
    }

    @Test
    void aStoppingServerAcknowledgesWhatItStoredThenClosesWith1001() throws Exception {
        String room = unique("shutdown");
        String aliceId = unique("alice");
        List<String> clientIds = new ArrayList<>();
        List<JsonObject> acks = new ArrayList<>();
        int closeCode;
        boolean liberty = server.serverName().equals("Open Liberty");
        try (ChatClient alice = ChatClient.connect(
                server.webSocket(), TestTokens.forUser(aliceId).sign())) {
            alice.join(room);
            for (int i = 0; i < 200; i++) {
                String clientId = java.util.UUID.randomUUID().toString();
                clientIds.add(clientId);
                alice.sendRaw(frame("message", "room", room, "content", "in flight " + i, "client_id", clientId)
                        .add("ref", clientId)
                        .build()
                        .toString());
            }
            ServerProcess.Stopped stopped = server.stop();
            OptionalInt seen = alice.closeWithin(Duration.ofSeconds(45));
            // In CI, three times on Open Liberty, the JDK client saw no end of the connection at all
            // although every process of the server had exited after a graceful stop (input still
            // open, a ping written without error): there, an unseen close counts as one without a
            // close frame, which Liberty may give anyway (below). On Payara the 1001 must arrive.
            if (seen.isEmpty() && liberty && stopped.stillAlive() == 0) {
                System.out.println("graceful stop: no close seen by the client after the server " + stopped);
                closeCode = ChatClient.CLOSED_WITHOUT_CLOSE_FRAME;
            } else {
                closeCode = seen.orElseThrow(
                        () -> new AssertionError("the server did not close the connection within 45 s after it "
                                + stopped + " (" + alice.received().size() + " events received)"));
            }
            alice.received().stream()
                    .filter(e -> e.getString("type").equals("ack"))
                    .forEach(acks::add);
        }
        server.restart();

        // Open Liberty takes the application off its sockets about 100 ms after SIGTERM; a graceful
        // stop that has not finished by then cannot send 1001 (docs/configuration.md, open in issue
        // 11). What must hold on both: nothing acknowledged is lost.
        if (!liberty || closeCode != ChatClient.CLOSED_WITHOUT_CLOSE_FRAME) {
            assertEquals(1001, closeCode, "going away");
        }
        try (ChatClient alice = ChatClient.connect(
                server.webSocket(), TestTokens.forUser(aliceId).sign())) {
            List<String> stored = new ArrayList<>();
            long before = Long.MAX_VALUE;
            while (true) {
                List<JsonObject> page = alice.ok(frame("history", "room", room, "limit", 100, "before", before))
                        .getJsonArray("messages")
                        .getValuesAs(JsonObject.class);
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(m -> stored.add(m.getString("client_id")));
                before = page.get(0).getJsonNumber("id").longValue();
            }
            List<String> acknowledged =
                    acks.stream().map(a -> a.getString("client_id")).toList();
            assertTrue(stored.containsAll(acknowledged), "every acknowledged message is stored");
            if (closeCode == 1001) {
                assertEquals(
                        new java.util.HashSet<>(acknowledged),
                        new java.util.HashSet<>(stored),
                        "every stored message was acknowledged before the connection closed, and only those");
            }
            System.out.println("graceful stop: " + acknowledged.size() + " of " + clientIds.size()
                    + " in-flight messages stored and acknowledged");
        }
    }
}
