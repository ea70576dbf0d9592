package app.chat.rooms;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which rooms a {@code rooms} request asks for: those one belongs to or all one can see, names
 * starting with a prefix, after a name (the previous page's last), at most {@code limit}.
 */
public record RoomQuery(boolean memberOnly, String prefix, String after, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    /** Bounds one answer's size and the rows one request reads. */
    public static final int MAX_LIMIT = 200;

    private static final Pattern NAME_PART = Pattern.compile("[a-z0-9_-]{0," + RoomName.MAX_LENGTH + "}");

    public RoomQuery {
        prefix = namePart(prefix, "prefix");
        after = namePart(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"limit\" must be from 1 to " + MAX_LIMIT);
        }
    }

    /**
     * The exclusive upper end of the names starting with the prefix, in byte order ("C"
     * collation): '~' sorts after every character a room name may hold.
     */
    String prefixEnd() {
        return prefix + "~";
    }

    private static String namePart(String text, String field) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (!NAME_PART.matcher(lower).matches()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"" + field + "\" must be (part of) a room name");
        }
        return lower;
    }
}
