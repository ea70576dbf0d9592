package app.chat.socket;

import static app.chat.protocol.Events.event;
import static app.chat.protocol.Events.timestamp;

import app.chat.protection.RateLimited;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.reads.ReadMarked;
import app.chat.reads.Unread;
import app.chat.rooms.RoomListing;
import app.chat.rooms.RoomPage;
import app.chat.rooms.RoomState;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the server's events as JSON text, exactly as docs/protocol.md shows them. A broadcast is
 * written once and the same text is sent to every recipient. The message log's events are
 * {@link app.chat.messages.MessageEvents}.
 */
public final class OutboundEvents {

    /** A user as listed by the {@code users} answer. */
    public record UserEntry(String id, String name, boolean online) {}

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

    public static String joined(String ref, String room) {
        return event("joined", ref, json -> json.write("room", room));
    }

    public static String left(String ref, String room) {
        return event("left", ref, json -> json.write("room", room));
    }

    public static String roomCreated(String ref, String room, boolean isPrivate) {
        return event("room_created", ref, json -> json.write("room", room).write("private", isPrivate));
    }

    /** An invitation; {@code alreadyMember} only ever in the inviter's answer, for an invitation that changed nothing. */
    public static String invited(String ref, RoomState room, String user, String by, boolean alreadyMember) {
        return event("invited", ref, json -> {
            json.write("room", room.name())
                    .write("private", room.isPrivate())
                    .write("user", user)
                    .write("by", by);
            if (alreadyMember) {
                json.write("already_member", true);
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

    public static String rooms(String ref, RoomPage page) {
        return rooms(ref, page, Map.of());
    }

    /** Rooms, those in {@code unread} with where the caller stands in them. */
    public static String rooms(String ref, RoomPage page, Map<String, Unread> unread) {
        return event("rooms", ref, json -> {
            if (page.next() != null) {
                json.write("next", page.next());
            }
            json.writeStartArray("rooms");
            for (RoomListing room : page.rooms()) {
                json.writeStartObject()
                        .write("name", room.name())
                        .write("private", room.isPrivate())
                        .write("member", room.member());
                writeUnread(json, unread.get(room.name()));
                json.writeEnd();
            }
            json.writeEnd();
        });
    }

    /** A list of people; {@code next}, when not null, is the offset of the next page of a search. */
    public static String users(String ref, List<UserEntry> users, Integer next) {
        return users(ref, users, next, Map.of());
    }

    /** People, those in {@code unread} with where the caller stands in the conversation with them. */
    public static String users(String ref, List<UserEntry> users, Integer next, Map<String, Unread> unread) {
        return event("users", ref, json -> {
            writeUsers(json, "users", users, unread);
            if (next != null) {
                json.write("next", next);
            }
        });
    }

    public static String watching(String ref, List<UserEntry> users, List<String> unknown) {
        return event("watching", ref, json -> {
            writeUsers(json, "users", users);
            if (!unknown.isEmpty()) {
                json.writeStartArray("unknown");
                unknown.forEach(json::write);
                json.writeEnd();
            }
        });
    }

    public static String members(String ref, String room, List<UserEntry> members, int count, int online, String next) {
        return event("members", ref, json -> {
            json.write("room", room);
            writeUsers(json, "members", members);
            json.write("count", count).write("online", online);
            if (next != null) {
                json.write("next", next);
            }
        });
    }

    private static void writeUsers(JsonGenerator json, String field, List<UserEntry> users) {
        writeUsers(json, field, users, Map.of());
    }

    private static void writeUsers(
            JsonGenerator json, String field, List<UserEntry> users, Map<String, Unread> unread) {
        json.writeStartArray(field);
        for (UserEntry user : users) {
            json.writeStartObject()
                    .write("id", user.id())
                    .write("name", user.name())
                    .write("online", user.online());
            writeUnread(json, unread.get(user.id()));
            json.writeEnd();
        }
        json.writeEnd();
    }

    private static void writeUnread(JsonGenerator json, Unread unread) {
        if (unread != null) {
            json.write("last_read", unread.lastRead())
                    .write("unread", unread.count())
                    .write("mentions", unread.mentions());
        }
    }

    /** A person read a conversation up to a message: to every connection of theirs. */
    public static String read(ReadMarked read) {
        return event("read", null, json -> {
            if (read.room() != null) {
                json.write("room", read.room());
            } else {
                json.write("with", read.with());
            }
            json.write("id", read.id());
        });
    }

    public static String presence(String user, boolean online) {
        return event("presence", null, json -> json.write("user", user).write("online", online));
    }
}
