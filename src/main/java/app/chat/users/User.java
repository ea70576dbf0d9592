package app.chat.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person the server has seen connect at least once. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(insertable = false, updatable = false)
    private String email;

    protected User() {}

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The address their latest token gave, or null. */
    public String email() {
        return email;
    }
}
