package app.chat.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * Something accepted for storage but not yet stored: a message, or a revision of one. Exactly one
 * of {@code roomId} (with its {@code roomName}) and {@code to} is set. A message's content has
 * already passed {@link MessageContent}; {@code clientId}, when the client gave one, makes a resend
 * store nothing new; {@code replyTo}, when set, is the message it answers, checked to be in the same
 * conversation. A revision names the message it {@code revises}, with that message's room or, in a
 * direct conversation, the other person of the two; its content is the new text, or null for a
 * deletion, or it is a {@code reaction} (added or taken back; its count is not known yet). A message
 * carries its author's display name ({@code fromName}), which its events show beside the id.
 */
public record Draft(
        String from,
        String to,
        Long roomId,
        String roomName,
        String content,
        UUID clientId,
        Long revises,
        Quote replyTo,
        Reaction reaction,
        String fromName) {

    public static Draft toRoom(
            String from, String fromName, long roomId, String roomName, String content, UUID clientId, Quote replyTo) {
        return new Draft(from, null, roomId, roomName, content, clientId, null, replyTo, null, fromName);
    }

    public static Draft direct(String from, String fromName, String to, String content, UUID clientId, Quote replyTo) {
        return new Draft(from, to, null, null, content, clientId, null, replyTo, null, fromName);
    }

    /** New content for {@code target}, written by its author. */
    public static Draft edit(MessageHeader target, String roomName, String content) {
        return new Draft(
                target.from(), target.to(), target.roomId(), roomName, content, null, target.id(), null, null, null);
    }

    /** The deletion of {@code target} by its author. */
    public static Draft deletion(MessageHeader target, String roomName) {
        return new Draft(
                target.from(), target.to(), target.roomId(), roomName, null, null, target.id(), null, null, null);
    }

    /** {@code user} adds (or takes back) a reaction with {@code emoji} to {@code target}. */
    public static Draft reaction(MessageHeader target, String roomName, String user, String emoji, boolean added) {
        String otherPerson = target.isDirect() ? (target.from().equals(user) ? target.to() : target.from()) : null;
        return new Draft(
                user,
                otherPerson,
                target.roomId(),
                roomName,
                null,
                null,
                target.id(),
                null,
                new Reaction(emoji, added, 0),
                null);
    }

    /** This revision as stored under {@code id} at {@code at}, with what storing it found out. */
    PostedMessage storedRevision(long id, Instant at, Instant editedAt, Reaction storedReaction) {
        return new PostedMessage(
                id, from, to, roomId, roomName, content, at, null, editedAt, revises, null, storedReaction, null);
    }

    public boolean isDirect() {
        return to != null;
    }

    public boolean isRevision() {
        return revises != null;
    }
}
