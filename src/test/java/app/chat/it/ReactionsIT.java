package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Reactions: live to everyone in the conversation with their count, in history with who reacted,
 * once per person and emoji, only where one may post, and replayed to a client that missed them.
 */
class ReactionsIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    private static boolean isReaction(JsonObject event) {
        return "reaction".equals(event.getString("type"));
    }

    private static JsonObject reaction(ChatClient client, long messageId, String user) {
        return client.await(event -> isReaction(event)
                && event.getJsonNumber("message_id").longValue() == messageId
                && event.getString("user").equals(user));
    }

    /** The reactions history shows on the only message of the room's page. */
    private static List<JsonObject> reactionsInHistory(ChatClient client, String room) {
        JsonObject message = client.ok(frame("history", "room", room))
                .getJsonArray("messages")
                .getJsonObject(0);
        return message.containsKey("reactions")
                ? message.getJsonArray("reactions").getValuesAs(JsonObject.class)
                : List.of();
    }

    private static List<String> users(JsonObject summary) {
        return summary.getJsonArray("users").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    @Test
    void aReactionReachesEveryoneInTheRoomWithItsCountAndHistoryShowsWhoReacted() {
        String room = unique("reactions");
        String bobId = unique("bob");
        String carolId = unique("carol");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId);
                ChatClient carol = connect(carolId)) {
            for (ChatClient member : List.of(alice, bob, carol)) {
                member.join(room);
            }
            long message = id(alice.post(room, "ship it?"));

            assertEquals(
                    "ok", bob.ok(frame("react", "id", message, "emoji", "👍")).getString("type"));
            carol.ok(frame("react", "id", message, "emoji", "👍"));
            for (ChatClient member : List.of(alice, bob, carol)) {
                JsonObject first = reaction(member, message, bobId);
                assertTrue(id(first) > message, "a reaction takes its own, later place in the stream");
                assertEquals(room, first.getString("room"));
                assertEquals("👍", first.getString("emoji"));
                assertTrue(first.getBoolean("added"));
                assertEquals(1, first.getInt("count"));
                assertEquals(2, reaction(member, message, carolId).getInt("count"));
            }

            JsonObject seenByAlice = reactionsInHistory(alice, room).get(0);
            assertEquals("👍", seenByAlice.getString("emoji"));
            assertEquals(2, seenByAlice.getInt("count"));
            assertEquals(List.of(bobId, carolId), users(seenByAlice), "the earliest first");
            assertFalse(seenByAlice.getBoolean("mine"));
            assertTrue(reactionsInHistory(bob, room).get(0).getBoolean("mine"));
        }
    }

    @Test
    void onePersonReactsOncePerEmojiAndCanTakeItBack() {
        String room = unique("once");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId)) {
            alice.join(room);
            bob.join(room);
            long message = id(alice.post(room, "lunch at noon"));
            bob.ok(frame("react", "id", message, "emoji", "🍕"));
            reaction(alice, message, bobId);

            assertEquals(
                    "ok", bob.ok(frame("react", "id", message, "emoji", "🍕")).getString("type"));
            alice.assertNothing(ReactionsIT::isReaction, QUIET);
            assertEquals(1, reactionsInHistory(alice, room).get(0).getInt("count"));

            bob.ok(frame("unreact", "id", message, "emoji", "🍕"));
            JsonObject takenBack = reaction(alice, message, bobId);
            assertFalse(takenBack.getBoolean("added"));
            assertEquals(0, takenBack.getInt("count"));
            assertEquals(List.of(), reactionsInHistory(alice, room));

            assertEquals(
                    "ok", bob.ok(frame("unreact", "id", message, "emoji", "🍕")).getString("type"));
            alice.assertNothing(ReactionsIT::isReaction, QUIET);
        }
    }

    @Test
    void reactionsInADirectConversationReachBothPeopleAndNobodyElse() {
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(bobId);
                ChatClient eve = connect(unique("eve"))) {
            long message = id(alice.dm(bobId, "made it home"));
            bob.ok(frame("react", "id", message, "emoji", "❤️"));
            for (ChatClient person : List.of(alice, bob)) {
                JsonObject heard = reaction(person, message, bobId);
                assertEquals(aliceId, heard.getString("to"), "the other person of the two");
                assertFalse(heard.containsKey("room"));
            }
            eve.assertNothing(ReactionsIT::isReaction, QUIET);
            JsonObject inHistory = alice.ok(frame("dm_history", "with", bobId))
                    .getJsonArray("messages")
                    .getJsonObject(0);
            assertEquals(
                    "❤️", inHistory.getJsonArray("reactions").getJsonObject(0).getString("emoji"));
        }
    }

    @Test
    void whoCannotPostWhereTheMessageIsCannotReactToIt() {
        String privateRoom = unique("secret");
        String publicRoom = unique("open");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId);
                ChatClient eve = connect(unique("eve"))) {
            alice.ok(frame("create_room", "room", privateRoom, "private", true));
            alice.join(publicRoom);
            long hiddenInRoom = id(alice.post(privateRoom, "members only"));
            long hiddenDirect = id(alice.dm(bobId, "just us"));
            long inPublic = id(alice.post(publicRoom, "anyone can read this"));

            for (long hidden : List.of(hiddenInRoom, hiddenDirect, Long.MAX_VALUE)) {
                JsonObject refused = eve.request(frame("react", "id", hidden, "emoji", "👀"));
                assertEquals("not_found", refused.getString("code"));
                assertEquals("no message with id " + hidden, refused.getString("message"));
            }
            assertEquals(
                    "forbidden",
                    eve.request(frame("react", "id", inPublic, "emoji", "👀")).getString("code"),
                    "a public room is joined before reacting in it");
            for (String notAnEmoji : List.of("+1", "<b>hi</b>", "")) {
                assertEquals(
                        "bad_request",
                        alice.request(frame("react", "id", inPublic, "emoji", notAnEmoji))
                                .getString("code"));
            }
            alice.assertNothing(ReactionsIT::isReaction, QUIET);
        }
    }

    @Test
    void aDeletedMessageLosesItsReactionsAndTakesNoMore() {
        String room = unique("deleted");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long message = id(alice.post(room, "oops"));
            alice.ok(frame("react", "id", message, "emoji", "😅"));
            alice.ok(frame("delete", "id", message));
            alice.await(event -> "message_deleted".equals(event.getString("type")));

            assertEquals(List.of(), reactionsInHistory(alice, room));
            assertEquals(
                    "not_found",
                    alice.request(frame("react", "id", message, "emoji", "😅")).getString("code"));
        }
    }

    @Test
    void aMessageHoldsAtMostTwentyDifferentEmoji() {
        String room = unique("many");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long message = id(alice.post(room, "vote with an emoji"));
            List<String> twenty = "😀 😃 😄 😁 😆 😅 🤣 😂 🙂 🙃 😉 😊 😇 🥰 😍 🤩 😘 😗 😚 😙"
                    .lines()
                    .flatMap(line -> List.of(line.split(" ")).stream())
                    .toList();
            for (String emoji : twenty) {
                alice.ok(frame("react", "id", message, "emoji", emoji));
            }
            assertEquals(
                    "quota_exceeded",
                    alice.request(frame("react", "id", message, "emoji", "🤔")).getString("code"));
            assertEquals(
                    "ok",
                    alice.ok(frame("unreact", "id", message, "emoji", "😀")).getString("type"),
                    "taking one back is always possible");
        }
    }

    @Test
    void aClientThatMissedReactionsIsReplayedThemInOrderWithTheirCounts() {
        String room = unique("resume-reactions");
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient carol = connect(unique("carol"))) {
            alice.join(room);
            carol.join(room);
            long message;
            long cursor;
            try (ChatClient bob = connect(bobId)) {
                bob.join(room);
                message = id(alice.post(room, "friday drinks?"));
                cursor = id(bob.await(e -> "message".equals(e.getString("type")) && id(e) == message));
            }
            alice.ok(frame("react", "id", message, "emoji", "🍻"));
            carol.ok(frame("react", "id", message, "emoji", "🍻"));
            alice.ok(frame("unreact", "id", message, "emoji", "🍻"));
            for (int i = 0; i < 3; i++) {
                alice.await(ReactionsIT::isReaction);
            }

            try (ChatClient bob = connect(bobId)) {
                JsonObject resumed = bob.ok(frame("resume", "after", cursor));
                assertEquals(3, resumed.getInt("replayed"));
                List<JsonObject> replayed =
                        bob.received().stream().filter(ReactionsIT::isReaction).toList();
                assertEquals(
                        List.of(1, 2, 1),
                        replayed.stream().map(e -> e.getInt("count")).toList());
                assertEquals(
                        List.of(true, true, false),
                        replayed.stream().map(e -> e.getBoolean("added")).toList());
                assertEquals(aliceId, replayed.get(2).getString("user"));
            }
        }
    }
}
