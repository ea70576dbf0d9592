package app.chat.users;

import app.chat.auth.AuthenticatedUser;
import app.chat.schema.DatabaseWork;
import app.chat.schema.ReadTimeout;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;

/** The people the server knows: recorded on every successful connection, found by the directory. */
@Stateless
@DatabaseWork
public class Users {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    ReadTimeout readTimeout;

    /**
     * Records a newly seen user, or refreshes what the token says of a known one (display name,
     * e-mail address, and with them how the directory finds them) and their last-seen time.
     */
    public void record(AuthenticatedUser user) {
        em.createNativeQuery("""
                insert into users (id, name, email, search_name, search_text) values (?1, ?2, ?3, ?4, ?5)
                on conflict (id) do update set name = excluded.name, email = excluded.email,
                    search_name = excluded.search_name, search_text = excluded.search_text, last_seen_at = now()
                """)
                .setParameter(1, user.id())
                .setParameter(2, user.displayName())
                .setParameter(3, user.email())
                .setParameter(4, PeopleQuery.searchName(user.displayName()))
                .setParameter(5, PeopleQuery.searchText(user.displayName(), user.id(), user.email()))
                .executeUpdate();
    }

    /**
     * The people the query finds, best first: a name or id equal to what was typed, then names
     * starting with it, then everyone else with a word starting with each word typed; by name
     * within each. The index on the words finds them; only the matches are sorted.
     */
    @SuppressWarnings("unchecked")
    public List<User> search(PeopleQuery query) {
        return readTimeout
                .bound(em.createNativeQuery(SEARCH, User.class))
                .setParameter(1, query.tsQuery())
                .setParameter(2, query.text())
                .setParameter(3, query.namePrefixPattern())
                .setParameter(4, query.limit())
                .setParameter(5, query.offset())
                .getResultList();
    }

    static final String SEARCH = """
            select id, name, email from users
            where search @@ to_tsquery('simple', ?1)
            order by case when search_name = ?2 or lower(id) = ?2 then 0
                          when search_name like ?3 then 1
                          else 2 end,
                     name, id
            limit ?4 offset ?5
            """;

    public boolean exists(String id) {
        return em.find(User.class, id) != null;
    }

    /** Those of the ids that belong to someone known, in no particular order. */
    public List<User> withIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select u from User u where u.id in :ids", User.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /**
     * The people the user has direct conversations with (notes to self included), the most recent
     * conversation first. Read from the two indexes of direct messages by sender and by recipient:
     * the cost is that of the user's own direct messages, whoever else there is.
     */
    @SuppressWarnings("unchecked")
    public List<User> conversationsOf(String userId, int limit) {
        return readTimeout
                .bound(em.createNativeQuery(CONVERSATIONS, User.class))
                .setParameter(1, userId)
                .setParameter(2, limit)
                .getResultList();
    }

    static final String CONVERSATIONS = """
            select u.id, u.name, u.email from (
                select partner, max(id) as latest from (
                    select to_user as partner, id from messages where from_user = ?1 and to_user is not null
                    union all
                    select from_user as partner, id from messages where to_user = ?1
                ) direct group by partner
            ) conversation
            join users u on u.id = conversation.partner
            order by conversation.latest desc
            limit ?2
            """;
}
