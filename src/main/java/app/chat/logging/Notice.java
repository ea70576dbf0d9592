package app.chat.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One notable event for the operator: a stable event name to search and alert on, a sentence for
 * people, and fields for machines. Never holds a token, a password or message content.
 */
public record Notice(Level level, String event, String text, Map<String, Object> fields) {

    /** Fields every JSON line has; a notice's own fields may not take these names. */
    static final Set<String> COMMON_FIELDS = Set.of("time", "level", "logger", "event", "message", "error", "stack");

    public Notice {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Notice info(String event, String text) {
        return new Notice(Level.INFO, event, text, Map.of());
    }

    public static Notice warning(String event, String text) {
        return new Notice(Level.WARNING, event, text, Map.of());
    }

    /** The same notice with one more field; numbers and booleans stay numbers and booleans in JSON. */
    public Notice with(String field, Object value) {
        if (COMMON_FIELDS.contains(field)) {
            throw new IllegalArgumentException(field + " is one of the fields every log line has");
        }
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(field, value);
        return new Notice(level, event, text, more);
    }

    /** The line as text: the sentence, then the event and fields as key=value pairs. */
    public String asText() {
        StringBuilder line = new StringBuilder(text).append(" [event=").append(event);
        fields.forEach(
                (field, value) -> line.append(' ').append(field).append('=').append(value));
        return line.append(']').toString();
    }

    /** Writes the notice to the logger, as text or (with chat.log.format=json) as one JSON line. */
    public void log(Logger logger) {
        if (logger.isLoggable(level)) {
            logger.log(new NoticeRecord(this, logger.getName()));
        }
    }

    /** A log record that keeps the notice, so that the JSON format can write its fields as fields. */
    static final class NoticeRecord extends LogRecord {

        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // never serialized: records go straight to handlers
        private final Notice notice;

        NoticeRecord(Notice notice, String loggerName) {
            super(notice.level(), notice.asText());
            this.notice = notice;
            setLoggerName(loggerName);
            setSourceClassName(loggerName);
        }

        Notice notice() {
            return notice;
        }
    }
}
