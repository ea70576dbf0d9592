package app.chat.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * A message that is committed to the database, fired as a CDI event in id order once its
 * transaction succeeded. Exactly one of {@code roomName} and {@code to} is set; {@code clientId} is
 * the sender's idempotency key, or null.
 */
public record PostedMessage(
        long id,
        String from,
        String to,
        Long roomId,
        String roomName,
        String content,
        Instant timestamp,
        UUID clientId) {

    public boolean isDirect() {
        return to != null;
    }
}
