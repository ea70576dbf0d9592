package app.chat.protection;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import java.time.Duration;

/** A request refused because its budget is spent, with when the next one will be allowed. */
public final class RateLimited extends RequestRejected {

    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
