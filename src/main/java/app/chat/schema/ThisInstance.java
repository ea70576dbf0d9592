package app.chat.schema;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Tells this running instance apart from the others on the same database, for as long as it runs. */
@ApplicationScoped
public class ThisInstance {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
