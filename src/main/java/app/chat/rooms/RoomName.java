package app.chat.rooms;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import java.util.Locale;
import java.util.regex.Pattern;

/** Room names are case-insensitive: stored and compared lower-case. */
public final class RoomName {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

    private RoomName() {}

    /** The canonical (lower-case) form of a name a client sent, or a {@code bad_request} rejection. */
    public static String canonical(String raw) {
        String name = raw.toLowerCase(Locale.ROOT);
        if (!VALID.matcher(name).matches()) {
            throw new RequestRejected(
                    ErrorCode.BAD_REQUEST,
                    "room names are 1-64 characters of a-z 0-9 _ - and start with a letter or digit");
        }
        return name;
    }
}
