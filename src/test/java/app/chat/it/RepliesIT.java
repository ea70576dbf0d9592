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
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Replies quote the message they answer, as it is now, only within one conversation; history can be
 * read around a message, where a quote jumps to.
 */
class RepliesIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    private static List<JsonObject> messages(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    private static JsonObject reply(ChatClient client, String room, String content, long to) {
        return client.ok(frame("message", "room", room, "content", content, "reply_to", to));
    }

    @Test
    void aReplyQuotesTheAuthorAndTheStartOfTheMessageLiveAndInHistory() {
        String room = unique("replies");
        String aliceId = unique("alice");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            String question = "Shall we move the release to Friday? " + "Details follow. ".repeat(20);
            long asked = id(alice.post(room, question));
            long answered = id(reply(bob, room, "Friday works", asked));

            JsonObject live = alice.await(e -> "message".equals(e.getString("type")) && id(e) == answered);
            JsonObject quote = live.getJsonObject("reply_to");
            assertEquals(asked, id(quote));
            assertEquals(aliceId, quote.getString("from"));
            assertEquals(question.substring(0, 120), quote.getString("excerpt"), "the start of the text only");

            JsonObject inHistory =
                    messages(alice.ok(frame("history", "room", room))).get(1);
            assertEquals(quote, inHistory.getJsonObject("reply_to"));
        }
    }

    @Test
    void aQuoteShowsTheMessageAsItIsNow() {
        String room = unique("quote-now");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            long asked = id(alice.post(room, "meet at 10"));
            reply(bob, room, "ok", asked);
            alice.ok(frame("edit", "id", asked, "content", "meet at 11"));
            assertEquals(
                    "meet at 11",
                    messages(bob.ok(frame("history", "room", room)))
                            .get(1)
                            .getJsonObject("reply_to")
                            .getString("excerpt"));

            alice.ok(frame("delete", "id", asked));
            JsonObject quote =
                    messages(bob.ok(frame("history", "room", room))).get(1).getJsonObject("reply_to");
            assertTrue(quote.getBoolean("deleted"));
            assertFalse(quote.containsKey("excerpt"), "a deleted message's text is quoted nowhere");
        }
    }

    @Test
    void aReplyInADirectConversationQuotesAMessageOfThatConversation() {
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(bobId)) {
            long asked = id(alice.dm(bobId, "coffee?"));
            long answered = id(bob.ok(frame("dm", "to", aliceId, "content", "yes!", "reply_to", asked)));
            JsonObject live = alice.await(e -> "dm".equals(e.getString("type")) && id(e) == answered);
            assertEquals(asked, id(live.getJsonObject("reply_to")));
        }
    }

    @Test
    void aReplyCanOnlyAnswerAMessageOfTheSameConversation() {
        String room = unique("here");
        String otherRoom = unique("elsewhere");
        String secret = unique("secret");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId);
                ChatClient eve = connect(unique("eve"))) {
            alice.join(room);
            alice.join(otherRoom);
            eve.join(room);
            alice.ok(frame("create_room", "room", secret, "private", true));
            long elsewhere = id(alice.post(otherRoom, "another room"));
            long hidden = id(alice.post(secret, "members only"));
            long direct = id(alice.dm(bobId, "just us"));
            long here = id(alice.post(room, "here"));
            alice.ok(frame("edit", "id", here, "content", "here, edited"));
            long revision = id(alice.await(e -> "message_edited".equals(e.getString("type"))));

            for (long notHere : List.of(elsewhere, hidden, direct, revision, Long.MAX_VALUE)) {
                JsonObject refused = eve.request(frame("message", "room", room, "content", "re", "reply_to", notHere));
                assertEquals("not_found", refused.getString("code"));
                assertEquals("no message with id " + notHere + " in this conversation", refused.getString("message"));
            }
            assertEquals(1, messages(alice.ok(frame("history", "room", room))).size(), "nothing was stored");
        }
    }

    @Test
    void historyAroundAMessageHoldsItInTheMiddleOfItsNeighbours() {
        String room = unique("around");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(id(alice.post(room, "message " + i)));
            }
            List<Long> page =
                    messages(alice.ok(frame("history", "room", room, "around", ids.get(10), "limit", 10))).stream()
                            .map(RepliesIT::id)
                            .toList();
            assertEquals(ids.subList(5, 15), page, "half before it, the rest from it on, oldest first");

            List<Long> nearTheEnd =
                    messages(alice.ok(frame("history", "room", room, "around", ids.get(23), "limit", 10))).stream()
                            .map(RepliesIT::id)
                            .toList();
            assertEquals(ids.subList(15, 25), nearTheEnd, "fewer after it: more before it");

            assertEquals(
                    "bad_request",
                    alice.request(frame("history", "room", room, "around", ids.get(3), "before", ids.get(5)))
                            .getString("code"));
        }
    }
}
