package app.chat.socket;

import static app.chat.protocol.Events.event;
import static app.chat.protocol.Events.timestamp;

import app.chat.presence.ListedPerson;
import app.chat.protection.RateLimited;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import java.time.Instant;
import java.util.List;

/**
 * Writes the events of the connection itself (errors, replays, typing, tokens, presence) as JSON
 * text, exactly as docs/protocol.md shows them. A broadcast is written once and the same text is
 * sent to every recipient. Each feature writes its own events (for example
 * {@link app.chat.messages.MessageEvents}, {@link app.chat.rooms.RoomEvents}).
 */
public final class OutboundEvents {

    private OutboundEvents() {}

    public static String error(String ref, ErrorCode code, String message) {
        return event("error", ref, json -> json.write("code", code.wireName()).write("message", message));
    }

    /** A refusal; a rate-limited one says after how many milliseconds to try again. */
    public static String error(String ref, RequestRejected rejected) {
        return event("error", ref, json -> {
            json.write("code", rejected.code().wireName()).write("message", rejected.getMessage());
            if (rejected instanceof RateLimited limited) {
                json.write("retry_after_ms", Math.max(1, limited.retryAfter().toMillis()));
            }
        });
    }

    /** Closes a replay: what was sent, and where to resume from next time. */
    public static String resumed(String ref, int replayed, boolean complete, long cursor) {
        return event(
                "resumed",
                ref,
                json -> json.write("replayed", replayed)
                        .write("complete", complete)
                        .write("cursor", cursor));
    }

    public static String typingInRoom(String room, String user) {
        return event("typing", null, json -> json.write("room", room).write("user", user));
    }

    public static String typingDirect(String user, String to) {
        return event("typing", null, json -> json.write("user", user).write("to", to));
    }

    public static String authenticated(String ref, Instant expiresAt) {
        return event("authenticated", ref, json -> json.write("expires_at", timestamp(expiresAt)));
    }

    /** The answer to a request that has no result of its own (typing). */
    public static String ok(String ref) {
        return event("ok", ref, json -> {});
    }

    public static String watching(String ref, List<ListedPerson> users, List<String> unknown) {
        return event("watching", ref, json -> {
            ListedPerson.writeAll(json, "users", users);
            if (!unknown.isEmpty()) {
                json.writeStartArray("unknown");
                unknown.forEach(json::write);
                json.writeEnd();
            }
        });
    }

    public static String presence(String user, boolean online) {
        return event("presence", null, json -> json.write("user", user).write("online", online));
    }
}
