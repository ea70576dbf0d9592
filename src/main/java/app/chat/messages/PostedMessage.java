package app.chat.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry of the message log, committed to the database, fired as a CDI event in id order once its
 * transaction succeeded: a message, or a revision of one. Exactly one of {@code roomName} and
 * {@code to} is set; {@code clientId} is the sender's idempotency key, or null.
 *
 * <p>A message carries its content as it is now: {@code editedAt} is set once it was edited, and
 * a deleted message has no content. A revision ({@code revises} set) tells that the message with
 * that id was edited (its new {@code content}, {@code editedAt}) or deleted (no content); its
 * {@code timestamp} is when.
 */
public record PostedMessage(
        long id,
        String from,
        String to,
        Long roomId,
        String roomName,
        String content,
        Instant timestamp,
        UUID clientId,
        Instant editedAt,
        Long revises) {

    /** A message as it was posted: not edited, not a revision. */
    public static PostedMessage posted(
            long id,
            String from,
            String to,
            Long roomId,
            String roomName,
            String content,
            Instant timestamp,
            UUID clientId) {
        return new PostedMessage(id, from, to, roomId, roomName, content, timestamp, clientId, null, null);
    }

    public boolean isDirect() {
        return to != null;
    }

    public boolean isRevision() {
        return revises != null;
    }

    /** A deleted message, or the revision that deleted one. */
    public boolean isDeleted() {
        return content == null;
    }
}
