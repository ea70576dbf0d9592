package app.chat.messages;

import java.time.Instant;

/**
 * What decides who may see and change a stored message, without its content: where it is (a room,
 * or {@code to} between two people), who wrote it and when, and whether it is deleted.
 */
public record MessageHeader(long id, String from, String to, Long roomId, Instant timestamp, boolean deleted) {

    public boolean isDirect() {
        return to != null;
    }

    /** One of the two people of a direct message. */
    public boolean between(String user) {
        return from.equals(user) || to.equals(user);
    }
}
