package app.chat.messages;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Messages as stored in PostgreSQL: written in batches by {@link MessageWriter}, read as history pages. */
@Stateless
public class Messages {

    /**
     * Taken for the length of each write transaction so that, even with several server instances on
     * one database, transactions that insert messages commit one after another: ids are then handed
     * out in commit order, and a reader never sees id n+1 before id n.
     */
    static final long WRITE_LOCK = 0x63686174L;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    /** Stores the drafts in one transaction, in the given order, and returns them with their ids. */
    public List<PostedMessage> store(List<Draft> drafts) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, WRITE_LOCK).getSingleResult();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        List<PostedMessage> posted = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            Message message = new Message(draft, now);
            em.persist(message);
            // Flushing each insert keeps ids in submission order (one sender's messages stay in order).
            em.flush();
            posted.add(PostedMessage.of(message, draft.roomName()));
        }
        return posted;
    }

    /** Up to {@code limit} messages of the room with ids below {@code before}, oldest first. */
    public List<Message> roomHistory(long roomId, long before, int limit) {
        List<Message> page = em.createQuery(
                        "select m from Message m where m.roomId = :room and m.id < :before order by m.id desc",
                        Message.class)
                .setParameter("room", roomId)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
        return oldestFirst(page);
    }

    /** Up to {@code limit} direct messages between the two users with ids below {@code before}, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Message> conversation(String oneUser, String otherUser, long before, int limit) {
        // least/greatest match the expression index messages_dm_history, in the database's collation.
        List<Message> page = em.createNativeQuery("""
                        select * from messages
                        where to_user is not null
                          and least(from_user, to_user) = least(?1, ?2)
                          and greatest(from_user, to_user) = greatest(?1, ?2)
                          and id < ?3
                        order by id desc
                        limit ?4
                        """, Message.class)
                .setParameter(1, oneUser)
                .setParameter(2, otherUser)
                .setParameter(3, before)
                .setParameter(4, limit)
                .getResultList();
        return oldestFirst(page);
    }

    private static List<Message> oldestFirst(List<Message> newestFirst) {
        List<Message> page = new ArrayList<>(newestFirst);
        Collections.reverse(page);
        return page;
    }
}
