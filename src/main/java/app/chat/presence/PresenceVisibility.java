package app.chat.presence;

import app.chat.schema.DatabaseWork;
import app.chat.schema.ReadTimeout;
import app.chat.users.User;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Whose presence a person may see, as the company chose ({@code chat.presence.visible-to}):
 * everyone's, or only their contacts', the people they share a room or a direct conversation with.
 * Read from the database on every question, so every instance answers alike and a new contact is
 * seen at once.
 */
@Stateless
@DatabaseWork
public class PresenceVisibility {

    /** The company's choice. */
    public enum Audience {
        EVERYONE,
        CONTACTS
    }

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    Config config;

    @Inject
    Presence presence;

    @Inject
    ReadTimeout readTimeout;

    private Audience audience;

    @PostConstruct
    void configure() {
        audience = audience(config.getOptionalValue("chat.presence.visible-to", String.class));
    }

    static Audience audience(Optional<String> configured) {
        String value = configured.map(String::strip).orElse("everyone").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "everyone" -> Audience.EVERYONE;
            case "contacts" -> Audience.CONTACTS;
            default ->
                throw new IllegalArgumentException(
                        "chat.presence.visible-to must be \"everyone\" or \"contacts\", not \"" + value + "\"");
        };
    }

    /** Those of the people whose presence the viewer may see. */
    public Set<String> visibleTo(String viewer, Collection<String> people) {
        if (audience == Audience.EVERYONE || people.isEmpty()) {
            return Set.copyOf(people);
        }
        @SuppressWarnings("unchecked")
        List<String> contacts = readTimeout
                .bound(em.createNativeQuery(CONTACTS))
                .setParameter(1, people.toArray(String[]::new))
                .setParameter(2, viewer)
                .getResultList();
        return new HashSet<>(contacts);
    }

    /**
     * Parameters: the people, the viewer. One's own presence, then a room in common (the viewer's
     * rooms by room_members_by_user, each checked against the primary key), then a direct message
     * either way (messages_dm_history).
     */
    static final String CONTACTS = """
            select p.id from unnest(?1::varchar[]) as p(id)
            where p.id = ?2
               or exists (select 1 from room_members mine join room_members theirs on theirs.room_id = mine.room_id
                          where mine.user_id = ?2 and theirs.user_id = p.id)
               or exists (select 1 from messages m
                          where m.to_user is not null
                            and least(m.from_user, m.to_user) = least(?2::varchar, p.id)
                            and greatest(m.from_user, m.to_user) = greatest(?2::varchar, p.id))
            """;

    /** These people as the viewer may see them: presence only where it is visible to them. */
    public List<ListedPerson> listed(String viewer, List<User> people) {
        return listed(people, visibleTo(viewer, people.stream().map(User::id).toList()));
    }

    /** These people with presence only for the {@code visible} ones. */
    public List<ListedPerson> listed(List<User> people, Set<String> visible) {
        return people.stream()
                .map(user -> new ListedPerson(
                        user.id(),
                        user.name(),
                        user.email(),
                        visible.contains(user.id()) ? presence.isOnline(user.id()) : null))
                .toList();
    }
}
