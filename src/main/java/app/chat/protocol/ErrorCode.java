package app.chat.protocol;

import java.util.Locale;

/** The {@code code} of an {@code error} event; docs/protocol.md lists when each is used. */
public enum ErrorCode {
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    UNKNOWN_USER,
    TOO_LARGE,
    CONFLICT,
    RATE_LIMITED,
    QUOTA_EXCEEDED,
    UNAUTHORIZED,
    UNAVAILABLE,
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
