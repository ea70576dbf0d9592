package app.chat.messages;

/**
 * A message accepted for storage but not yet stored: exactly one of {@code roomId} (with its
 * {@code roomName}) and {@code to} is set. Content has already passed {@link MessageContent}.
 */
public record Draft(String from, String to, Long roomId, String roomName, String content) {

    public static Draft toRoom(String from, long roomId, String roomName, String content) {
        return new Draft(from, null, roomId, roomName, content);
    }

    public static Draft direct(String from, String to, String content) {
        return new Draft(from, to, null, null, content);
    }

    public boolean isDirect() {
        return to != null;
    }
}
