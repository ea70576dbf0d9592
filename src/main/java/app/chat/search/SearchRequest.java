package app.chat.search;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.InboundFrame;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a {@code search} request asks for: the words, where to look (a room, a direct conversation,
 * or everywhere one may read), from whom, in which period, and which page.
 */
public record SearchRequest(
        String text,
        Optional<String> room,
        Optional<String> with,
        Optional<String> from,
        Optional<Instant> before,
        Optional<Instant> after,
        int limit,
        int offset) {

    /** In characters: a search is a few words, not a message. */
    public static final int MAX_TEXT = 200;

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    /** Nobody reads past a thousand results; refining the words is the way on. */
    public static final int MAX_OFFSET = 1000;

    public static SearchRequest of(InboundFrame frame) {
        String text = frame.requiredString("query").strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new RequestRejected(
                    ErrorCode.BAD_REQUEST, "\"query\" must hold 1 to " + MAX_TEXT + " characters besides spaces");
        }
        Optional<String> room = frame.optionalString("room");
        Optional<String> with =
                frame.optionalString("with").isPresent() ? Optional.of(frame.userId("with")) : Optional.empty();
        if (room.isPresent() && with.isPresent()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"room\" and \"with\" cannot be used together");
        }
        return new SearchRequest(
                text,
                room,
                with,
                frame.optionalString("from").isPresent() ? Optional.of(frame.userId("from")) : Optional.empty(),
                instant(frame, "before"),
                instant(frame, "after"),
                frame.optionalLong("limit", 1, MAX_LIMIT)
                        .orElse((long) DEFAULT_LIMIT)
                        .intValue(),
                frame.optionalLong("offset", 0, MAX_OFFSET).orElse(0L).intValue());
    }

    private static Optional<Instant> instant(InboundFrame frame, String field) {
        Optional<String> text = frame.optionalString(field);
        try {
            return text.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new RequestRejected(
                    ErrorCode.BAD_REQUEST,
                    "\"" + field + "\" must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }
}
