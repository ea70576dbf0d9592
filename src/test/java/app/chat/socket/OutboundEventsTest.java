package app.chat.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.chat.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class OutboundEventsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
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
