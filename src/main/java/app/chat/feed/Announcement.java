package app.chat.feed;

/**
 * A notification some instance (this one included) sent on one of the change channels, fired on the
 * feed's reader thread in the order the notifying transactions committed, before the messages read
 * after it.
 */
public record Announcement(String channel, String payload) {}
