package app.chat.messages;

import java.util.UUID;

/**
 * A message accepted for storage but not yet stored: exactly one of {@code roomId} (with its
 * {@code roomName}) and {@code to} is set. Content has already passed {@link MessageContent}.
 * {@code clientId}, when the client gave one, makes a resend store nothing new.
 */
public record Draft(String from, String to, Long roomId, String roomName, String content, UUID clientId) {

    public static Draft toRoom(String from, long roomId, String roomName, String content, UUID clientId) {
        return new Draft(from, null, roomId, roomName, content, clientId);
    }

    public static Draft direct(String from, String to, String content, UUID clientId) {
        return new Draft(from, to, null, null, content, clientId);
    }

    public boolean isDirect() {
        return to != null;
    }
}
