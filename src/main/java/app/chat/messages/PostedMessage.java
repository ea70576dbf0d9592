package app.chat.messages;

import java.time.Instant;

/**
 * A message that is committed to the database, fired as a CDI event in id order once its
 * transaction succeeded. Exactly one of {@code roomName} and {@code to} is set.
 */
public record PostedMessage(long id, String from, String to, Long roomId, String roomName, String content,
        Instant timestamp) {

    public boolean isDirect() {
        return to != null;
    }

    static PostedMessage of(Message stored, String roomName) {
        return new PostedMessage(stored.id(), stored.fromUser(), stored.toUser(), stored.roomId(), roomName,
                stored.content(), stored.timestamp().toInstant());
    }
}
