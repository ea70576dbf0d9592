package app.chat.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named conversation. Public rooms are open to everyone; private ones to their members only. */
@Entity
@Table(name = "rooms")
public class Room {

    @Id
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "is_private", nullable = false)
    private boolean isPrivate;

    protected Room() {}

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isPrivate() {
        return isPrivate;
    }
}
