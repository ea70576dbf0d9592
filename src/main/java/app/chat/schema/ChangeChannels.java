package app.chat.schema;

import org.eclipse.microprofile.config.Config;

/**
 * The NOTIFY channels on which an instance announces what it committed, so that the others (and
 * itself) read it without waiting for their next poll. A notification is only ever a wake-up or a
 * small fact about a change; the database stays the record (app.chat.feed).
 */
public final class ChangeChannels {

    /** Payload: the highest message id the notifying transaction stored. */
    public static final String MESSAGES = "chat_messages";

    /** Payload: a room change as JSON (app.chat.rooms.RoomChange). */
    public static final String ROOMS = "chat_rooms";

    /** Payload: an instance id and the users present or gone there (app.chat.presence.PresenceLedger). */
    public static final String PRESENCE = "chat_presence";

    /** Payload: a typing notice as JSON (app.chat.socket.TypingNotices). */
    public static final String TYPING = "chat_typing";

    /** Payload: a read mark as JSON (app.chat.reads.ReadState). */
    public static final String READS = "chat_reads";

    /** Every channel, for the listener. */
    public static final java.util.List<String> ALL = java.util.List.of(MESSAGES, ROOMS, PRESENCE, TYPING, READS);

    private ChangeChannels() {}

    /**
     * {@code chat.feed.notify} (default true): whether writes announce themselves. Off, the other
     * instances see them at their next poll of the database ({@code chat.feed.poll-millis}).
     */
    public static boolean announced(Config config) {
        return config.getOptionalValue("chat.feed.notify", Boolean.class).orElse(true);
    }
}
