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
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Who is known and who is online, with several connections per person. */
class PresenceIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private ChatClient connect(String user, String name) {
        return ChatClient.connect(
                ChatDeployment.webSocket(base),
                TestTokens.forUser(user).name(name).sign());
    }

    private static JsonObject entry(ChatClient client, String user) {
        return client.ok(frame("users")).getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("id").equals(user))
                .findFirst()
                .orElseThrow();
    }

    private static boolean isPresence(JsonObject event, String user, boolean online) {
        return event.getString("type").equals("presence")
                && event.getString("user").equals(user)
                && event.getBoolean("online") == online;
    }

    @Test
    void othersHearWhenTheFirstConnectionOpensAndTheLastCloses() {
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"), "Alice")) {
            ChatClient bob = connect(bobId, "Bob");
            alice.await(e -> isPresence(e, bobId, true));
            ChatClient bobTab2 = connect(bobId, "Bob");
            bobTab2.ok(frame("rooms")); // the second connection is registered once it answers
            bob.close();
            alice.assertNothing(
                    e -> e.getString("type").equals("presence")
                            && e.getString("user").equals(bobId),
                    Duration.ofMillis(700));
            assertTrue(entry(alice, bobId).getBoolean("online"), "still online in the other tab");
            bobTab2.close();
            alice.await(e -> isPresence(e, bobId, false));
            assertFalse(entry(alice, bobId).getBoolean("online"));
        }
    }

    @Test
    void usersListsEveryoneEverSeenWithTheirDisplayName() {
        String carolId = unique("carol");
        try (ChatClient alice = connect(unique("alice"), "Alice")) {
            try (ChatClient carol = connect(carolId, "Carol Danvers")) {
                carol.ok(frame("rooms"));
            }
            alice.await(e -> isPresence(e, carolId, false));
            JsonObject carol = entry(alice, carolId);
            assertEquals("Carol Danvers", carol.getString("name"));
            assertFalse(carol.getBoolean("online"));
        }
    }

    @Test
    void aNewDisplayNameFromTheSsoReplacesTheOldOne() {
        String daveId = unique("dave");
        try (ChatClient dave = connect(daveId, "Dave")) {
            dave.ok(frame("rooms"));
        }
        try (ChatClient dave = connect(daveId, "David")) {
            assertEquals("David", entry(dave, daveId).getString("name"));
        }
    }
}
