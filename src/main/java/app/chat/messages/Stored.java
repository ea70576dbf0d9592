package app.chat.messages;

import app.chat.protocol.RequestRejected;

/**
 * The result of storing one draft: the entry as stored; or, for a resend or a revision that changes
 * nothing, the original ({@code duplicate}: nobody must hear of it again; null for a revision); or
 * why a revision could not be stored ({@code refusal}: the message was deleted in the meantime).
 */
public record Stored(PostedMessage message, boolean duplicate, RequestRejected refusal) {

    static Stored fresh(PostedMessage message) {
        return new Stored(message, false, null);
    }

    static Stored again(PostedMessage original) {
        return new Stored(original, true, null);
    }

    static Stored refused(RequestRejected refusal) {
        return new Stored(null, false, refusal);
    }

    /** Stored now: what the feed delivers. */
    public boolean isFresh() {
        return message != null && !duplicate;
    }
}
