package app.chat.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry of the message log, committed to the database, fired as a CDI event in id order once its
 * transaction succeeded: a message, or a revision of one. Exactly one of {@code roomName} and
 * {@code to} is set; {@code clientId} is the sender's idempotency key, or null.
 *
 * <p>A message carries its content as it is now: {@code editedAt} is set once it was edited, and
 * a deleted message has no content; {@code replyTo} quotes the message it answers, if any. A
 * revision ({@code revises} set) tells that the message with that id was edited (its new {@code
 * content}, {@code editedAt}) or deleted (no content), or that {@code from} reacted to it ({@code
 * reaction}; in a direct conversation {@code to} is then the other person); its {@code timestamp}
 * is when. {@code fromName} is the author's display name as the directory holds it, for messages
 * (null for revisions, and for an author the directory does not know).
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
        Long revises,
        Quote replyTo,
        Reaction reaction,
        String fromName) {

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
        return new PostedMessage(
                id, from, to, roomId, roomName, content, timestamp, clientId, null, null, null, null, null);
    }

    public boolean isDirect() {
        return to != null;
    }

    public boolean isRevision() {
        return revises != null;
    }

    public boolean isReaction() {
        return reaction != null;
    }

    /** A deleted message, or the revision that deleted one. */
    public boolean isDeleted() {
        return content == null && reaction == null;
    }

    /** The same entry with the content and edit time its message has now. */
    PostedMessage withContent(String currentContent, Instant currentEditedAt) {
        return new PostedMessage(
                id,
                from,
                to,
                roomId,
                roomName,
                currentContent,
                timestamp,
                clientId,
                currentEditedAt,
                revises,
                replyTo,
                reaction,
                fromName);
    }

    /** The same message answering the message {@code quote} shows. */
    public PostedMessage withReplyTo(Quote quote) {
        return new PostedMessage(
                id, from, to, roomId, roomName, content, timestamp, clientId, editedAt, revises, quote, reaction,
                fromName);
    }

    /** The same entry naming its author as the directory does. */
    public PostedMessage withFromName(String name) {
        return new PostedMessage(
                id, from, to, roomId, roomName, content, timestamp, clientId, editedAt, revises, replyTo, reaction,
                name);
    }
}
