package app.chat.messages;

import java.time.Duration;
import java.time.Instant;

/**
 * How long after posting its author may edit a message ({@code chat.messages.edit-window-minutes});
 * {@code length} null: at any time.
 */
record EditWindow(Duration length) {

    static final String KEY = "chat.messages.edit-window-minutes";

    /** From the configured number of minutes: 0 for no limit. */
    static EditWindow ofMinutes(int minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException(KEY + " must be 0 (no limit) or a number of minutes");
        }
        return new EditWindow(minutes == 0 ? null : Duration.ofMinutes(minutes));
    }

    boolean allowsEditing(Instant posted, Instant now) {
        return length == null || !posted.plus(length).isBefore(now);
    }

    /** As an author reads it: "1 minute", "15 minutes". */
    @Override
    public String toString() {
        long minutes = length == null ? 0 : length.toMinutes();
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
