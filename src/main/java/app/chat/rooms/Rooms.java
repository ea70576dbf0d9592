package app.chat.rooms;

import app.chat.schema.ChangeAnnouncements;
import app.chat.schema.ChangeChannels;
import app.chat.schema.DatabaseWork;
import app.chat.schema.ReadTimeout;
import app.chat.schema.ThisInstance;
import app.chat.users.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;

/** Rooms and their members as stored in PostgreSQL. Authorisation rules live in {@link RoomDirectory}. */
@Stateless
@DatabaseWork
public class Rooms {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    ReadTimeout readTimeout;

    @Inject
    ThisInstance instance;

    @Inject
    ChangeAnnouncements announcements;

    public Optional<Room> find(long id) {
        return Optional.ofNullable(em.find(Room.class, id));
    }

    public Optional<Room> find(String name) {
        return em.createQuery("select r from Room r where r.name = :name", Room.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /**
     * Creates the room with its creator as first member, unless a room of that name exists.
     *
     * @return whether this call created it
     */
    public boolean create(String name, boolean isPrivate, String creator) {
        List<?> created = em.createNativeQuery("""
                insert into rooms (name, is_private, created_by) values (?1, ?2, ?3)
                on conflict (name) do nothing
                returning id
                """)
                .setParameter(1, name)
                .setParameter(2, isPrivate)
                .setParameter(3, creator)
                .getResultList();
        if (created.isEmpty()) {
            return false;
        }
        addMember(((Number) created.get(0)).longValue(), name, creator, null);
        return true;
    }

    /** Adds a member and tells every instance; {@code invitedBy} is null when they joined by themselves. */
    public void addMember(long roomId, String roomName, String member, String invitedBy) {
        int added = em.createNativeQuery(
                        "insert into room_members (room_id, user_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, roomId)
                .setParameter(2, member)
                .executeUpdate();
        if (added > 0) {
            announce(new RoomChange(roomId, roomName, member, true, invitedBy, instance.id()));
        }
    }

    public void removeMember(long roomId, String roomName, String userId) {
        int removed = em.createNativeQuery("delete from room_members where room_id = ?1 and user_id = ?2")
                .setParameter(1, roomId)
                .setParameter(2, userId)
                .executeUpdate();
        if (removed > 0) {
            announce(new RoomChange(roomId, roomName, userId, false, null, instance.id()));
        }
    }

    /** Tells every instance, once this transaction commits; a rollback drops the notification. */
    private void announce(RoomChange change) {
        if (announcements.enabled()) {
            em.createNativeQuery("select pg_notify(?1, ?2)")
                    .setParameter(1, ChangeChannels.ROOMS)
                    .setParameter(2, change.toJson())
                    .getSingleResult();
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> memberIds(long roomId) {
        return em.createNativeQuery("select user_id from room_members where room_id = ?1")
                .setParameter(1, roomId)
                .getResultList();
    }

    /** Whether the database holds this person as a member of this room now. */
    public boolean isMember(long roomId, String userId) {
        return !em.createNativeQuery("select 1 from room_members where room_id = ?1 and user_id = ?2")
                .setParameter(1, roomId)
                .setParameter(2, userId)
                .getResultList()
                .isEmpty();
    }

    /**
     * One page of the room's members by display name (then id), from the first or after the person
     * with id {@code after}: a keyset on (name, id), so a deep page costs no more than the first.
     */
    @SuppressWarnings("unchecked")
    public List<User> members(long roomId, Optional<String> after, int limit) {
        Query query = after.isEmpty()
                ? em.createNativeQuery("""
                        select u.id, u.name, u.email from room_members m join users u on u.id = m.user_id
                        where m.room_id = ?1
                        order by u.name, u.id
                        limit ?2
                        """, User.class)
                : em.createNativeQuery("""
                        select u.id, u.name, u.email from room_members m join users u on u.id = m.user_id
                        where m.room_id = ?1
                          and (u.name, u.id) > (select name, id from users where id = ?3)
                        order by u.name, u.id
                        limit ?2
                        """, User.class).setParameter(3, after.get());
        return readTimeout
                .bound(query)
                .setParameter(1, roomId)
                .setParameter(2, limit)
                .getResultList();
    }

    /** How many rooms the user created and still belongs to. */
    public int createdAndKeptBy(String userId) {
        Number count =
                (Number) em.createNativeQuery("""
                select count(*) from rooms r
                join room_members m on m.room_id = r.id and m.user_id = r.created_by
                where r.created_by = ?1
                """).setParameter(1, userId).getSingleResult();
        return count.intValue();
    }

    /**
     * Public rooms and the private rooms the user belongs to, in byte order of their names: an
     * index range scan on rooms_name_bytes from the cursor, so any page costs about its own size.
     */
    public List<RoomListing> visibleTo(String userId, RoomQuery query, int limit) {
        return listings(em.createNativeQuery("""
                select r.name, r.is_private,
                       exists (select 1 from room_members m where m.room_id = r.id and m.user_id = ?1)
                from rooms r
                where r.name collate "C" > ?2 and r.name collate "C" >= ?3 and r.name collate "C" < ?4
                  and (not r.is_private
                       or exists (select 1 from room_members m where m.room_id = r.id and m.user_id = ?1))
                order by r.name collate "C"
                limit ?5
                """), userId, query, limit);
    }

    /** The rooms the user belongs to, in byte order of their names. */
    public List<RoomListing> memberships(String userId, RoomQuery query, int limit) {
        return listings(em.createNativeQuery("""
                select r.name, r.is_private, true
                from room_members m join rooms r on r.id = m.room_id
                where m.user_id = ?1
                  and r.name collate "C" > ?2 and r.name collate "C" >= ?3 and r.name collate "C" < ?4
                order by r.name collate "C"
                limit ?5
                """), userId, query, limit);
    }

    private List<RoomListing> listings(Query query, String userId, RoomQuery page, int limit) {
        List<?> rows = readTimeout
                .bound(query)
                .setParameter(1, userId)
                .setParameter(2, page.after())
                .setParameter(3, page.prefix())
                .setParameter(4, page.prefixEnd())
                .setParameter(5, limit)
                .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new RoomListing((String) row[0], (Boolean) row[1], (Boolean) row[2]))
                .toList();
    }
}
