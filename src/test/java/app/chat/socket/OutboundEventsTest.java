package app.chat.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.chat.messages.PostedMessage;
import app.chat.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboundEventsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        var message =
                PostedMessage.posted(7, "a", null, 1L, "general", "hi", Instant.parse("2026-01-02T03:04:05Z"), null);
        assertEquals(
                "2026-01-02T03:04:05.000Z", json(OutboundEvents.posted(message)).getString("timestamp"));
    }

    @Test
    void aRoomMessageHasTheDocumentedShape() {
        var message = PostedMessage.posted(
                123, "alice", null, 1L, "general", "yo", Instant.parse("2026-01-02T03:04:05.678Z"), null);
        assertEquals(json("""
                {"type":"message","id":123,"room":"general","from":"alice","content":"yo","timestamp":"2026-01-02T03:04:05.678Z"}
                """), json(OutboundEvents.posted(message)));
    }

    @Test
    void aDirectMessageHasTheDocumentedShape() {
        var message = PostedMessage.posted(
                124, "alice", "bob", null, null, "salut", Instant.parse("2026-01-02T03:04:05.678Z"), null);
        assertEquals(json("""
                {"type":"dm","id":124,"from":"alice","to":"bob","content":"salut","timestamp":"2026-01-02T03:04:05.678Z"}
                """), json(OutboundEvents.posted(message)));
    }

    @Test
    void contentIsCarriedExactlyEvenWhenItLooksHostile() {
        String content = "  <img src=x onerror=alert(1)> \"quoted\" \\ \n\t😀\u2028 ";
        var message = PostedMessage.posted(1, "a", "b", null, null, content, Instant.now(), null);
        assertEquals(content, json(OutboundEvents.posted(message)).getString("content"));
    }

    @Test
    void theClientIdComesBackWithTheMessage() {
        var clientId = java.util.UUID.fromString("3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f");
        var message = PostedMessage.posted(5, "a", null, 1L, "general", "hi", Instant.now(), clientId);
        assertEquals(clientId.toString(), json(OutboundEvents.posted(message)).getString("client_id"));
        assertEquals(clientId.toString(), json(OutboundEvents.ack("r", message)).getString("client_id"));
    }

    @Test
    void errorsCarryCodeMessageAndRef() {
        assertEquals(json("""
                {"type":"error","code":"forbidden","message":"no","ref":"r9"}
                """), json(OutboundEvents.error("r9", ErrorCode.FORBIDDEN, "no")));
    }

    @Test
    void eventsWithoutRefOmitIt() {
        assertEquals(json("""
                {"type":"presence","user":"u","online":true}
                """), json(OutboundEvents.presence("u", true)));
    }
}
