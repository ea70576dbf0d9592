package app.chat.reads;

import jakarta.json.stream.JsonGenerator;

/**
 * Where a person stands in one conversation: the newest message id they read (0: none yet), and
 * how many messages of others came after it, and how many of those mention them, both counted up
 * to {@link ReadMarks#COUNTED_AT_MOST}.
 */
public record Unread(long lastRead, int count, int mentions) {

    public static final Unread NOTHING = new Unread(0, 0, 0);

    /** The fields a listing of one's conversations adds to each (docs/protocol.md, `read`). */
    public void writeTo(JsonGenerator json) {
        json.write("last_read", lastRead).write("unread", count).write("mentions", mentions);
    }
}
