package app.chat.rooms;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Rooms and their members as stored in PostgreSQL. Authorisation rules live in {@link RoomDirectory}. */
@Stateless
public class Rooms {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

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
        addMember(((Number) created.get(0)).longValue(), creator);
        return true;
    }

    public void addMember(long roomId, String userId) {
        em.createNativeQuery("insert into room_members (room_id, user_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, roomId)
                .setParameter(2, userId)
                .executeUpdate();
    }

    public void removeMember(long roomId, String userId) {
        em.createNativeQuery("delete from room_members where room_id = ?1 and user_id = ?2")
                .setParameter(1, roomId)
                .setParameter(2, userId)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<String> memberIds(long roomId) {
        return em.createNativeQuery("select user_id from room_members where room_id = ?1")
                .setParameter(1, roomId)
                .getResultList();
    }

    /** Public rooms and the private rooms the user belongs to, by name. */
    public List<RoomListing> visibleTo(String userId) {
        List<?> rows = em.createNativeQuery("""
                select r.name, r.is_private, m.user_id is not null
                from rooms r
                left join room_members m on m.room_id = r.id and m.user_id = ?1
                where not r.is_private or m.user_id is not null
                order by r.name
                """)
                .setParameter(1, userId)
                .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new RoomListing((String) row[0], (Boolean) row[1], (Boolean) row[2]))
                .toList();
    }
}
