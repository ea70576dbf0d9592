package app.chat.messages;

import static app.chat.protocol.Events.event;
import static app.chat.protocol.Events.timestamp;

import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The events of the message log and the answers about it, exactly as docs/protocol.md shows them:
 * {@code message}, {@code dm}, {@code message_edited}, {@code message_deleted}, {@code reaction},
 * {@code ack} and history pages. An entry is written once and the same text sent to every recipient.
 */
public final class MessageEvents {

    private MessageEvents() {}

    /** Everything of a message event but its texts, with user ids, the author's name and a room name at their longest. */
    private static final int MESSAGE_FIELDS_SIZE = 1_000;

    /** One reaction summary without its emoji's text: counts, flags and {@link ReactionSummary#NAMED} user ids. */
    private static final int REACTION_SIZE = 60 + ReactionSummary.NAMED * 260;

    /**
     * About how many characters an entry with this content takes in an event: the content as JSON
     * escapes it (control characters take six) plus room for ids, names and the timestamp.
     */
    public static long estimatedSize(String content) {
        return MESSAGE_FIELDS_SIZE + escapedLength(content);
    }

    /** The same for a message of a history page, with its quote and reactions. */
    static long estimatedSize(Message message, HistoryPage page) {
        long size = estimatedSize(message.content());
        Quote quote = page.quoteOf(message);
        if (quote != null) {
            size += MESSAGE_FIELDS_SIZE / 2 + escapedLength(quote.excerpt());
        }
        for (ReactionSummary reaction : page.reactionsTo(message)) {
            size += REACTION_SIZE + reaction.emoji().length();
        }
        return size;
    }

    private static long escapedLength(String text) {
        if (text == null) {
            return 0;
        }
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            size += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : 1;
        }
        return size;
    }

    public static String ack(String ref, PostedMessage message) {
        return event("ack", ref, json -> {
            json.write("id", message.id()).write("timestamp", timestamp(message.timestamp()));
            if (message.clientId() != null) {
                json.write("client_id", message.clientId().toString());
            }
        });
    }

    /**
     * The event for an entry of the message log: {@code message} in a room, {@code dm} between two
     * people, or for a revision {@code message_edited}, {@code message_deleted} or {@code reaction}.
     */
    public static String posted(PostedMessage message) {
        if (message.isReaction()) {
            return reaction(message);
        }
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
                        message.fromName(),
                        message.to(),
                        message.content(),
                        message.timestamp(),
                        message.clientId(),
                        message.editedAt(),
                        message.replyTo()));
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
                json.write("deleted_at", timestamp(revision.timestamp()));
            } else {
                json.write("content", revision.content()).write("edited_at", timestamp(revision.editedAt()));
            }
        });
    }

    /** Who reacted, in which conversation (in a direct one, {@code to} is the other person), and the count since. */
    private static String reaction(PostedMessage change) {
        Reaction reaction = change.reaction();
        return event("reaction", null, json -> {
            json.write("id", change.id()).write("message_id", change.revises());
            if (change.roomName() != null) {
                json.write("room", change.roomName());
            }
            json.write("user", change.from());
            if (change.to() != null) {
                json.write("to", change.to());
            }
            json.write("emoji", reaction.emoji())
                    .write("added", reaction.added())
                    .write("count", reaction.count())
                    .write("timestamp", timestamp(change.timestamp()));
        });
    }

    public static String roomHistory(String ref, String room, HistoryPage page) {
        return event("history", ref, json -> {
            json.write("room", room);
            writeMessages(json, page, room);
        });
    }

    public static String directHistory(String ref, String with, HistoryPage page) {
        return event("dm_history", ref, json -> {
            json.write("with", with);
            writeMessages(json, page, null);
        });
    }

    /**
     * The {@code mentions} answer: room messages newest first, each with its room's name, as history
     * shows them (without quotes and reactions); {@code nextBefore}, when not null, pages on.
     */
    public static String mentions(
            String ref, List<Message> newestFirst, LongFunction<String> roomName, Long nextBefore) {
        return event("mentions", ref, json -> {
            json.writeStartArray("messages");
            for (Message message : newestFirst) {
                json.writeStartObject();
                writeMessage(
                        json,
                        message.id(),
                        roomName.apply(message.roomId()),
                        message.fromUser(),
                        message.fromName(),
                        null,
                        message.content(),
                        message.timestamp().toInstant(),
                        message.clientId(),
                        message.editedAt(),
                        null);
                json.writeEnd();
            }
            json.writeEnd();
            if (nextBefore != null) {
                json.write("next_before", nextBefore);
            }
        });
    }

    private static void writeMessages(JsonGenerator json, HistoryPage page, String room) {
        json.writeStartArray("messages");
        for (Message message : page.messages()) {
            json.writeStartObject();
            writeMessage(
                    json,
                    message.id(),
                    room,
                    message.fromUser(),
                    message.fromName(),
                    room == null ? message.toUser() : null,
                    message.content(),
                    message.timestamp().toInstant(),
                    message.clientId(),
                    message.editedAt(),
                    page.quoteOf(message));
            writeReactions(json, page.reactionsTo(message));
            json.writeEnd();
        }
        json.writeEnd();
    }

    private static void writeReactions(JsonGenerator json, List<ReactionSummary> reactions) {
        if (reactions.isEmpty()) {
            return;
        }
        json.writeStartArray("reactions");
        for (ReactionSummary reaction : reactions) {
            json.writeStartObject()
                    .write("emoji", reaction.emoji())
                    .write("count", reaction.count())
                    .writeStartArray("users");
            reaction.users().forEach(json::write);
            json.writeEnd().write("mine", reaction.mine()).writeEnd();
        }
        json.writeEnd();
    }

    /** A deleted message is a tombstone: where and by whom, {@code "deleted": true}, no content. */
    private static void writeMessage(
            JsonGenerator json,
            long id,
            String room,
            String from,
            String fromName,
            String to,
            String content,
            Instant timestamp,
            UUID clientId,
            Instant editedAt,
            Quote replyTo) {
        json.write("id", id);
        if (room != null) {
            json.write("room", room);
        }
        json.write("from", from);
        if (fromName != null) {
            json.write("from_name", fromName);
        }
        if (to != null) {
            json.write("to", to);
        }
        if (content == null) {
            json.write("deleted", true);
        } else {
            json.write("content", content);
        }
        json.write("timestamp", timestamp(timestamp));
        if (editedAt != null && content != null) {
            json.write("edited_at", timestamp(editedAt));
        }
        if (clientId != null) {
            json.write("client_id", clientId.toString());
        }
        if (replyTo != null) {
            json.writeStartObject("reply_to").write("id", replyTo.id()).write("from", replyTo.from());
            if (replyTo.fromName() != null) {
                json.write("from_name", replyTo.fromName());
            }
            if (replyTo.deleted()) {
                json.write("deleted", true);
            } else {
                json.write("excerpt", replyTo.excerpt());
            }
            json.writeEnd();
        }
    }
}
