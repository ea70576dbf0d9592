package app.chat.reads;

import app.chat.schema.ChatDatabase;
import app.chat.schema.DatabaseWork;
import app.chat.schema.ReadTimeout;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** Read marks as stored in PostgreSQL, and the unread counts they give. */
@Stateless
@DatabaseWork
public class ReadMarks {

    /**
     * Counts stop here: a badge says "99+" beyond it, and counting further would read every unread
     * message of a busy room at each listing.
     */
    public static final int COUNTED_AT_MOST = 100;

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    ReadTimeout readTimeout;

    /**
     * Moves the person's mark in the room forward to {@code id} (never back, never past the newest
     * message stored); returns the mark as it is now.
     */
    public long markRoom(String user, long roomId, long id) {
        return mark(MARK_ROOM, user, roomId, id);
    }

    /** Like {@link #markRoom} for the direct conversation with {@code partner}. */
    public long markDirect(String user, String partner, long id) {
        return mark(MARK_DIRECT, user, partner, id);
    }

    private long mark(String statement, String user, Object conversation, long id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement mark = connection.prepareStatement(statement)) {
            mark.setString(1, user);
            mark.setObject(2, conversation);
            mark.setLong(3, id);
            try (ResultSet row = mark.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new PersistenceException("storing a read mark failed", e);
        }
    }

    private static final String MARK_ROOM = """
            insert into read_marks (user_id, room, last_read_id)
            values (?, ?, least(?, (select coalesce(max(id), 0) from messages)))
            on conflict (user_id, room) where room is not null
            do update set last_read_id = greatest(read_marks.last_read_id, excluded.last_read_id)
            returning last_read_id
            """;

    private static final String MARK_DIRECT = """
            insert into read_marks (user_id, partner, last_read_id)
            values (?, ?, least(?, (select coalesce(max(id), 0) from messages)))
            on conflict (user_id, partner) where partner is not null
            do update set last_read_id = greatest(read_marks.last_read_id, excluded.last_read_id)
            returning last_read_id
            """;

    /** Where the person stands in each of these rooms of theirs, by room id. */
    public Map<Long, Unread> inRooms(String user, String name, List<Long> roomIds) {
        return unread(IN_ROOMS, "int8", roomIds.toArray(), user, name);
    }

    /** Where the person stands in the direct conversation with each of these people, by their id. */
    public Map<String, Unread> inDirect(String user, String name, List<String> partners) {
        return unread(IN_DIRECT, "varchar", partners.toArray(), user, name);
    }

    @SuppressWarnings("unchecked")
    private <K> Map<K, Unread> unread(String statement, String keyType, Object[] keys, String user, String name) {
        Map<K, Unread> found = new HashMap<>();
        if (keys.length == 0) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = readTimeout.bound(connection.prepareStatement(statement))) {
            read.setArray(1, connection.createArrayOf(keyType, keys));
            read.setString(2, user);
            read.setString(3, "@" + user.toLowerCase(Locale.ROOT));
            read.setString(4, "@" + name.toLowerCase(Locale.ROOT));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    found.put((K) rows.getObject(1), new Unread(rows.getLong(2), rows.getInt(3), rows.getInt(4)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new PersistenceException("counting unread messages failed", e);
        }
    }

    /**
     * One range scan of messages_room_history per room, forward from the mark (or, with no
     * mark yet, from when the person joined: message timestamps have milliseconds, so one of the
     * same millisecond counts), stopping at {@link #COUNTED_AT_MOST}.
     */
    static final String IN_ROOMS = """
            with me as (select ?::bigint[] as rooms, ?::varchar as id, ?::text as by_id, ?::text as by_name)
            select r.id, coalesce(m.last_read_id, 0), c.unread, c.mentions
            from me cross join unnest(me.rooms) as r(id)
            join room_members rm on rm.room_id = r.id and rm.user_id = me.id
            left join read_marks m on m.user_id = me.id and m.room = r.id
            cross join lateral (
                select count(*) as unread,
                       count(*) filter (where strpos(lower(recent.content), me.by_id) > 0
                                           or strpos(lower(recent.content), me.by_name) > 0
                                           or recent.content ~* '@room\\M') as mentions
                from (select content from messages
                      where room = r.id and id > coalesce(m.last_read_id, 0)
                        and revises is null and deleted_at is null and from_user <> me.id
                        and (m.last_read_id is not null or "timestamp" >= date_trunc('milliseconds', rm.joined_at))
                      order by id limit 100) recent) c
            """;

    /** One range scan of the conversation's index (messages_dm_history) per person, after the mark. */
    static final String IN_DIRECT = """
            with me as (select ?::varchar[] as partners, ?::varchar as id, ?::text as by_id, ?::text as by_name)
            select p.partner, coalesce(m.last_read_id, 0), c.unread, c.mentions
            from me cross join unnest(me.partners) as p(partner)
            left join read_marks m on m.user_id = me.id and m.partner = p.partner
            cross join lateral (
                select count(*) as unread,
                       count(*) filter (where strpos(lower(recent.content), me.by_id) > 0
                                           or strpos(lower(recent.content), me.by_name) > 0) as mentions
                from (select content from messages
                      where to_user is not null
                        and least(from_user, to_user) = least(p.partner, me.id)
                        and greatest(from_user, to_user) = greatest(p.partner, me.id)
                        and id > coalesce(m.last_read_id, 0)
                        and revises is null and deleted_at is null and from_user = p.partner
                        and p.partner <> me.id
                      order by id limit 100) recent) c
            """;
}
