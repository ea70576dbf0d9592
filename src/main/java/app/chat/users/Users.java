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

    /** Records a newly seen user, or refreshes the display name and last-seen time of a known one. */
    public void record(AuthenticatedUser user) {
        em.createNativeQuery("""
                insert into users (id, name) values (?1, ?2)
                on conflict (id) do update set name = excluded.name, last_seen_at = now()
                """)
                .setParameter(1, user.id())
                .setParameter(2, user.displayName())
                .executeUpdate();
    }

    public boolean exists(String id) {
        return em.find(User.class, id) != null;
    }

    public List<User> all() {
        return em.createQuery("select u from User u order by u.name, u.id", User.class)
                .getResultList();
    }
}
