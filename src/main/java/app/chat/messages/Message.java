package app.chat.messages;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored message: in a room ({@code roomId} set) or direct ({@code toUser} set). Never changed once written. */
@Entity
@Table(name = "messages")
public class Message {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "from_user", nullable = false, updatable = false)
    private String fromUser;

    @Column(name = "to_user", updatable = false)
    private String toUser;

    @Column(name = "room", updatable = false)
    private Long roomId;

    @Column(nullable = false, updatable = false)
    private String content;

    // EclipseLink maps OffsetDateTime to timestamptz (it would store an Instant as bytea).
    @Column(name = "timestamp", nullable = false, updatable = false)
    private OffsetDateTime timestamp;

    protected Message() {
    }

    Message(Draft draft, OffsetDateTime timestamp) {
        this.fromUser = draft.from();
        this.toUser = draft.to();
        this.roomId = draft.roomId();
        this.content = draft.content();
        this.timestamp = timestamp;
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

    public String content() {
        return content;
    }

    public OffsetDateTime timestamp() {
        return timestamp;
    }
}
