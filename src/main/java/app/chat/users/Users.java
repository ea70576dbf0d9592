package app.chat.users;

import app.chat.auth.AuthenticatedUser;
import app.chat.schema.DatabaseWork;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The people the server knows: recorded on every successful connection, listed for the sidebar. */
@Stateless
@DatabaseWork
public class Users {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

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
        return em.createNativeQuery(SEARCH, User.class)
                .setParameter(1, query.tsQuery())
                .setParameter(2, query.text())
                .setParameter(3, query.namePrefixPattern())
                .setParameter(4, query.limit())
                .setParameter(5, query.offset())
                .getResultList();
    }

    static final String SEARCH = """
            select id, name from users
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

    public List<User> all() {
        return em.createQuery("select u from User u order by u.name, u.id", User.class)
                .getResultList();
    }
}
