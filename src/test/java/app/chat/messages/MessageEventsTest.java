package app.chat.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageEventsTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        var message =
                PostedMessage.posted(7, "a", null, 1L, "general", "hi", Instant.parse("2026-01-02T03:04:05Z"), null);
        assertEquals(
                "2026-01-02T03:04:05.000Z", json(MessageEvents.posted(message)).getString("timestamp"));
    }

    @Test
    void aRoomMessageHasTheDocumentedShape() {
        var message = PostedMessage.posted(
                123, "alice", null, 1L, "general", "yo", Instant.parse("2026-01-02T03:04:05.678Z"), null);
        assertEquals(json("""
                {"type":"message","id":123,"room":"general","from":"alice","content":"yo","timestamp":"2026-01-02T03:04:05.678Z"}
                """), json(MessageEvents.posted(message)));
    }

    @Test
    void aDirectMessageHasTheDocumentedShape() {
        var message = PostedMessage.posted(
                124, "alice", "bob", null, null, "salut", Instant.parse("2026-01-02T03:04:05.678Z"), null);
        assertEquals(json("""
                {"type":"dm","id":124,"from":"alice","to":"bob","content":"salut","timestamp":"2026-01-02T03:04:05.678Z"}
                """), json(MessageEvents.posted(message)));
    }

    @Test
    void contentIsCarriedExactlyEvenWhenItLooksHostile() {
        String content = "  <img src=x onerror=alert(1)> \"quoted\" \\ \n\t😀\u2028 ";
        var message = PostedMessage.posted(1, "a", "b", null, null, content, Instant.now(), null);
        assertEquals(content, json(MessageEvents.posted(message)).getString("content"));
    }

    @Test
    void theClientIdComesBackWithTheMessage() {
        var clientId = java.util.UUID.fromString("3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f");
        var message = PostedMessage.posted(5, "a", null, 1L, "general", "hi", Instant.now(), clientId);
        assertEquals(clientId.toString(), json(MessageEvents.posted(message)).getString("client_id"));
        assertEquals(clientId.toString(), json(MessageEvents.ack("r", message)).getString("client_id"));
    }

    @Test
    void aReplyQuotesTheAuthorAndTheStartOfTheMessageItAnswers() {
        var reply = PostedMessage.posted(125, "bob", null, 1L, "general", "agreed", AT, null)
                .withReplyTo(new Quote(123, "alice", "shall we ship on friday", false));
        assertEquals(json("""
                {"type":"message","id":125,"room":"general","from":"bob","content":"agreed","timestamp":"2026-01-02T03:04:05.678Z",
                 "reply_to":{"id":123,"from":"alice","excerpt":"shall we ship on friday"}}
                """), json(MessageEvents.posted(reply)));
    }

    @Test
    void aReplyToADeletedMessageSaysSoWithoutText() {
        var reply = PostedMessage.posted(126, "bob", "alice", null, null, "what was it?", AT, null)
                .withReplyTo(new Quote(124, "alice", null, true));
        assertEquals(json("""
                {"id":124,"from":"alice","deleted":true}
                """), json(MessageEvents.posted(reply)).getJsonObject("reply_to"));
    }

    @Test
    void aReactionInADirectConversationNamesWhoReactedTheOtherPersonAndTheCountSince() {
        var reaction = new PostedMessage(
                133, "bob", "alice", null, null, null, AT, null, null, 124L, null, new Reaction("🎉", false, 0), null);
        assertEquals(json("""
                {"type":"reaction","id":133,"message_id":124,"user":"bob","to":"alice","emoji":"🎉","added":false,"count":0,
                 "timestamp":"2026-01-02T03:04:05.678Z"}
                """), json(MessageEvents.posted(reaction)));
    }
}
