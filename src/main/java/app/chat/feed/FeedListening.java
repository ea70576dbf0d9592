package app.chat.feed;

/**
 * The feed listens for notifications, after it started or after its listening connection was
 * lost: whatever was announced in between is gone, so state followed through announcements is read
 * again from the database. Fired on the feed's thread, in order with the announcements.
 */
public record FeedListening() {}
