package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A company that shows presence to contacts only ({@code chat.presence.visible-to=contacts}): one
 * sees whether the people one shares a room or a direct conversation with are online, and of anyone
 * else the listings say "presence hidden" and no presence event arrives.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(11) // beside the others, the longest first (pom.xml)
class PresencePrivacyIT {

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(Map.of("CHAT_PRESENCE_VISIBLE_TO", "contacts"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static ChatClient connect(String user) {
        return ChatClient.connect(server.webSocket(), TestTokens.forUser(user).sign());
    }

    /** The person among those an answer lists (its {@code users}, or a members page's {@code members}). */
    private static JsonObject listed(JsonObject answer, String user) {
        JsonArray people =
                answer.containsKey("members") ? answer.getJsonArray("members") : answer.getJsonArray("users");
        return people.getValuesAs(JsonObject.class).stream()
                .filter(person -> person.getString("id").equals(user))
                .findFirst()
                .orElseThrow(() -> new AssertionError(user + " is not in " + answer));
    }

    @Test
    void thePresenceOfSomeoneSharingNothingWithOneIsHiddenNotFalse() {
        String alice = unique("alice");
        String stranger = unique("stranger");
        try (ChatClient aliceClient = connect(alice);
                ChatClient strangerClient = connect(stranger)) {
            JsonObject stranger1 = listed(aliceClient.watchOnceKnown(stranger), stranger);
            assertTrue(stranger1.getBoolean("presence_hidden"), stranger1.toString());
            assertFalse(stranger1.containsKey("online"), stranger1.toString());
            JsonObject found = aliceClient.ok(frame("users", "query", stranger));
            assertTrue(listed(found, stranger).getBoolean("presence_hidden"), found.toString());
        }
    }

    @Test
    void thePresenceOfSomeoneInARoomWithOneIsShownAndFollowed() {
        String alice = unique("alice");
        String bob = unique("bob");
        String room = unique("team");
        try (ChatClient aliceClient = connect(alice)) {
            try (ChatClient bobClient = connect(bob)) {
                aliceClient.join(room);
                bobClient.join(room);
                assertTrue(listed(aliceClient.watchOnceKnown(bob), bob).getBoolean("online"));
                JsonObject members = aliceClient.ok(frame("members", "room", room));
                assertTrue(listed(members, bob).getBoolean("online"));
            }
            JsonObject gone = aliceClient.await(
                    event -> "presence".equals(event.getString("type")) && bob.equals(event.getString("user")));
            assertFalse(gone.getBoolean("online"));
        }
    }

    @Test
    void aStrangersComingAndGoingIsNeverAnnounced() {
        String alice = unique("alice");
        String stranger = unique("stranger");
        try (ChatClient aliceClient = connect(alice)) {
            try (ChatClient first = connect(stranger)) {
                aliceClient.watchOnceKnown(stranger);
            }
            try (ChatClient again = connect(stranger)) {
                aliceClient.assertNothing(
                        event -> "presence".equals(event.getString("type")) && stranger.equals(event.getString("user")),
                        Duration.ofMillis(2_500)); // beyond the test environment's 1 s grace
            }
        }
    }

    @Test
    void aDirectConversationMakesTwoPeopleContacts() {
        String alice = unique("alice");
        String carol = unique("carol");
        try (ChatClient aliceClient = connect(alice);
                ChatClient carolClient = connect(carol)) {
            assertTrue(listed(aliceClient.watchOnceKnown(carol), carol).getBoolean("presence_hidden"));
            carolClient.dm(alice, "hello, we have not met");
            JsonObject now = listed(aliceClient.watch(carol), carol);
            assertEquals(true, now.getBoolean("online"), now.toString());
        }
    }
}
