package app.chat.socket;

import app.chat.messages.Message;
import app.chat.messages.PostedMessage;
import app.chat.protection.RateLimited;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.reads.ReadMarked;
import app.chat.reads.Unread;
import app.chat.rooms.RoomListing;
import app.chat.rooms.RoomPage;
import app.chat.rooms.RoomState;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes the server's events as JSON text, exactly as docs/protocol.md shows them. A broadcast is
 * written once and the same text is sent to every recipient.
 */
public final class OutboundEvents {

    /** ISO-8601 in UTC, always with milliseconds (Instant.toString drops them when they are zero). */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    /** A user as listed by the {@code users} answer. */
    public record UserEntry(String id, String name, boolean online) {}

    private OutboundEvents() {}

    /**
     * About how many characters a message with this content takes in an event: the content as JSON
     * escapes it (control characters take six) plus room for ids, names and the timestamp.
     */
    public static long estimatedSize(String content) {
        long size = MESSAGE_FIELDS_SIZE;
        if (content == null) {
            return size;
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            size += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : 1;
        }
        return size;
    }

    /** Everything of a message event but its content, with user ids and a room name at their longest. */
    private static final int MESSAGE_FIELDS_SIZE = 700;

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

    public static String ack(String ref, PostedMessage message) {
        return event("ack", ref, json -> {
            json.write("id", message.id()).write("timestamp", TIMESTAMP.format(message.timestamp()));
            if (message.clientId() != null) {
                json.write("client_id", message.clientId().toString());
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
        return event("authenticated", ref, json -> json.write("expires_at", TIMESTAMP.format(expiresAt)));
    }

    /** The answer to a request that has no result of its own (typing). */
    public static String ok(String ref) {
        return event("ok", ref, json -> {});
    }

    /**
     * The event for an entry of the message log: {@code message} in a room, {@code dm} between two
     * people, or for a revision {@code message_edited} / {@code message_deleted}.
     */
    public static String posted(PostedMessage message) {
        if (message.isRevision()) {
            return revised(message);
        }
        return event(
                message.isDirect() ? "dm" : "message",
                null,
                json -> writeMessage(
                        json,
                        message.id(),
                        message.roomName(),
                        message.from(),
                        message.to(),
                        message.content(),
                        message.timestamp(),
                        message.clientId(),
                        message.editedAt()));
    }

    /** A revision names the message it changed and its conversation, as the message itself does. */
    private static String revised(PostedMessage revision) {
        return event(revision.isDeleted() ? "message_deleted" : "message_edited", null, json -> {
            json.write("id", revision.id()).write("message_id", revision.revises());
            if (revision.roomName() != null) {
                json.write("room", revision.roomName());
            }
            json.write("from", revision.from());
            if (revision.to() != null) {
                json.write("to", revision.to());
            }
            if (revision.isDeleted()) {
                json.write("deleted_at", TIMESTAMP.format(revision.timestamp()));
            } else {
                json.write("content", revision.content()).write("edited_at", TIMESTAMP.format(revision.editedAt()));
            }
        });
    }

    public static String roomHistory(String ref, String room, List<Message> messages) {
        return event("history", ref, json -> {
            json.write("room", room).writeStartArray("messages");
            for (Message message : messages) {
                json.writeStartObject();
                writeMessage(
                        json,
                        message.id(),
                        room,
                        message.fromUser(),
                        null,
                        message.content(),
                        message.timestamp().toInstant(),
                        message.clientId(),
                        message.editedAt());
                json.writeEnd();
            }
            json.writeEnd();
        });
    }

    public static String directHistory(String ref, String with, List<Message> messages) {
        return event("dm_history", ref, json -> {
            json.write("with", with).writeStartArray("messages");
            for (Message message : messages) {
                json.writeStartObject();
                writeMessage(
                        json,
                        message.id(),
                        null,
                        message.fromUser(),
                        message.toUser(),
                        message.content(),
                        message.timestamp().toInstant(),
                        message.clientId(),
                        message.editedAt());
                json.writeEnd();
            }
            json.writeEnd();
        });
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

    /** A deleted message is a tombstone: where and by whom, {@code "deleted": true}, no content. */
    private static void writeMessage(
            JsonGenerator json,
            long id,
            String room,
            String from,
            String to,
            String content,
            Instant timestamp,
            UUID clientId,
            Instant editedAt) {
        json.write("id", id);
        if (room != null) {
            json.write("room", room);
        }
        json.write("from", from);
        if (to != null) {
            json.write("to", to);
        }
        if (content == null) {
            json.write("deleted", true);
        } else {
            json.write("content", content);
        }
        json.write("timestamp", TIMESTAMP.format(timestamp));
        if (editedAt != null && content != null) {
            json.write("edited_at", TIMESTAMP.format(editedAt));
        }
        if (clientId != null) {
            json.write("client_id", clientId.toString());
        }
    }

    private static String event(String type, String ref, Consumer<JsonGenerator> body) {
        StringWriter text = new StringWriter(128);
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            json.writeStartObject().write("type", type);
            body.accept(json);
            if (ref != null) {
                json.write("ref", ref);
            }
            json.writeEnd();
        }
        return text.toString();
    }
}
