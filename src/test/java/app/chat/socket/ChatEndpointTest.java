package app.chat.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChatEndpointTest {

    @Test
    void aMessageIsMeasuredInUtf8Bytes() {
        assertFalse(ChatEndpoint.tooLarge("a".repeat(ChatEndpoint.MAX_FRAME_BYTES)));
        assertTrue(ChatEndpoint.tooLarge("a".repeat(ChatEndpoint.MAX_FRAME_BYTES + 1)));
        // three bytes each: a third of the limit in characters is the whole limit
        assertFalse(ChatEndpoint.tooLarge("€".repeat(ChatEndpoint.MAX_FRAME_BYTES / 3)));
        assertTrue(ChatEndpoint.tooLarge("€".repeat(ChatEndpoint.MAX_FRAME_BYTES / 3 + 1)));
        // four bytes per emoji, two characters
        assertFalse(ChatEndpoint.tooLarge("😀".repeat(ChatEndpoint.MAX_FRAME_BYTES / 4)));
        assertTrue(ChatEndpoint.tooLarge("😀".repeat(ChatEndpoint.MAX_FRAME_BYTES / 4) + "a"));
    }
}
