package app.chat.messages;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stored message as it is now, as history reads it: in a room ({@code roomId} set) or direct
 * ({@code toUser} set). Written by {@link Messages#store}, which also applies its author's edits
 * ({@code editedAt}) and deletion (no content left, {@code deletedAt}); a reply names the message it
 * answers ({@code replyTo}).
 */
@Entity
@Table(name = "messages")
public class Message {

    @Id
    private Long id;

    @Column(name = "from_user", nullable = false, updatable = false)
    private String fromUser;

    @Column(name = "to_user", updatable = false)
    private String toUser;

    @Column(name = "room", updatable = false)
    private Long roomId;

    @Column(updatable = false)
    private String content;

    // EclipseLink maps OffsetDateTime to timestamptz (it would store an Instant as bytea).
    @Column(name = "timestamp", nullable = false, updatable = false)
    private OffsetDateTime timestamp;

    @Column(name = "edited_at", insertable = false, updatable = false)
    private OffsetDateTime editedAt;

    @Column(name = "deleted_at", insertable = false, updatable = false)
    private OffsetDateTime deletedAt;

    // Read as text: EclipseLink's UUID conversion fails on null.
    @Column(name = "client_id", insertable = false, updatable = false)
    private String clientId;

    @Column(name = "reply_to", insertable = false, updatable = false)
    private Long replyTo;

    // Not a column of messages: the author's name as the directory holds it, joined by every query that reads messages.
    @Column(name = "from_name", insertable = false, updatable = false)
    private String fromName;

    protected Message() {}

    /** The author's display name as the directory holds it, or null for someone it does not know. */
    public String fromName() {
        return fromName;
    }

    public long id() {
        return id;
    }

    public String fromUser() {
        return fromUser;
    }

    public String toUser() {
        return toUser;
    }

    public Long roomId() {
        return roomId;
    }

    /** Null once deleted. */
    public String content() {
        return content;
    }

    /** When its author last edited it, or null. */
    public Instant editedAt() {
        return editedAt == null ? null : editedAt.toInstant();
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public OffsetDateTime timestamp() {
        return timestamp;
    }

    /** The id of the message this one answers, or null. */
    public Long replyTo() {
        return replyTo;
    }

    public UUID clientId() {
        return clientId == null ? null : UUID.fromString(clientId);
    }
}
