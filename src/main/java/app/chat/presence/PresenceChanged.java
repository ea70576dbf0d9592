package app.chat.presence;

/** A user came online (first connection) or went offline (last connection gone, grace period over). */
public record PresenceChanged(String user, boolean online) {}
