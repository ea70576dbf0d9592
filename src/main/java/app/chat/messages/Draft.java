package app.chat.messages;

import java.util.UUID;

/**
 * Something accepted for storage but not yet stored: a message, or a revision of one. Exactly one
 * of {@code roomId} (with its {@code roomName}) and {@code to} is set. A message's content has
 * already passed {@link MessageContent}; {@code clientId}, when the client gave one, makes a resend
 * store nothing new. A revision names the message it {@code revises}, with that message's room or
 * recipient; its content is the new text, or null for a deletion.
 */
public record Draft(String from, String to, Long roomId, String roomName, String content, UUID clientId, Long revises) {

    public static Draft toRoom(String from, long roomId, String roomName, String content, UUID clientId) {
        return new Draft(from, null, roomId, roomName, content, clientId, null);
    }

    public static Draft direct(String from, String to, String content, UUID clientId) {
        return new Draft(from, to, null, null, content, clientId, null);
    }

    /** New content for {@code target}, written by its author. */
    public static Draft edit(MessageHeader target, String roomName, String content) {
        return new Draft(target.from(), target.to(), target.roomId(), roomName, content, null, target.id());
    }

    /** The deletion of {@code target} by its author. */
    public static Draft deletion(MessageHeader target, String roomName) {
        return new Draft(target.from(), target.to(), target.roomId(), roomName, null, null, target.id());
    }

    public boolean isDirect() {
        return to != null;
    }

    public boolean isRevision() {
        return revises != null;
    }
}
