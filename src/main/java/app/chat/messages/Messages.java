package app.chat.messages;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.schema.ChangeAnnouncements;
import app.chat.schema.ChangeChannels;
import app.chat.schema.ChatDatabase;
import app.chat.schema.DatabaseWork;
import app.chat.schema.ReadTimeout;
import app.chat.schema.ThisInstance;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Messages as stored in PostgreSQL: written in batches by {@link MessageWriter}, read as history pages. */
@Stateless
@DatabaseWork
public class Messages {

    /**
     * Taken for the length of each write transaction so that, even with several server instances on
     * one database, transactions that insert messages commit one after another: ids are then handed
     * out in commit order, and a reader never sees id n+1 before id n.
     */
    static final long WRITE_LOCK = 0x63686174L;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    // The hot write path and the replay use JDBC on the same JTA data source: one round trip per
    // insert with RETURNING and ON CONFLICT, which JPA cannot express.
    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    ChangeAnnouncements announcements;

    @Inject
    ThisInstance instance;

    @Inject
    ReadTimeout readTimeout;

    /**
     * Stores the drafts in one transaction, in the given order: the messages with one statement,
     * then each revision. A draft whose client id this sender used before is not stored again: the
     * original comes back, marked as a duplicate. A revision changes its message only if it is still
     * there (not deleted): checked here, under the write lock, whatever was checked before.
     */
    public StoredBatch store(List<Draft> drafts) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime timestamp = now.atOffset(ZoneOffset.UTC);
        List<Draft> posts = drafts.stream().filter(draft -> !draft.isRevision()).toList();
        Stored[] stored = new Stored[drafts.size()];
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)");
                PreparedStatement preceding =
                        connection.prepareStatement(announcements.enabled() ? PRECEDING_ANNOUNCED : PRECEDING)) {
            lock.setLong(1, WRITE_LOCK);
            lock.execute();
            long precedingId = precedingId(preceding);
            if (!posts.isEmpty()) {
                Iterator<Stored> postsStored = insert(connection, posts, now).iterator();
                for (int i = 0; i < drafts.size(); i++) {
                    if (!drafts.get(i).isRevision()) {
                        stored[i] = postsStored.next();
                    }
                }
            }
            for (int i = 0; i < drafts.size(); i++) {
                Draft draft = drafts.get(i);
                if (draft.reaction() != null) {
                    stored[i] = react(connection, draft, timestamp);
                } else if (draft.isRevision()) {
                    stored[i] = revise(connection, draft, timestamp);
                }
            }
            return new StoredBatch(precedingId, List.of(stored));
        } catch (SQLException e) {
            throw new PersistenceException("storing " + drafts.size() + " message(s) failed", e);
        }
    }

    private List<Stored> insert(Connection connection, List<Draft> drafts, Instant now) throws SQLException {
        int n = drafts.size();
        String[] from = new String[n];
        String[] to = new String[n];
        Long[] room = new Long[n];
        String[] content = new String[n];
        UUID[] clientId = new UUID[n];
        Long[] replyTo = new Long[n];
        for (int i = 0; i < n; i++) {
            Draft draft = drafts.get(i);
            from[i] = draft.from();
            to[i] = draft.to();
            room[i] = draft.roomId();
            content[i] = draft.content();
            clientId[i] = draft.clientId();
            replyTo[i] = draft.replyTo() == null ? null : draft.replyTo().id();
        }
        List<Stored> stored = new ArrayList<>(n);
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
                PreparedStatement original = connection.prepareStatement(ORIGINAL)) {
            insert.setArray(1, connection.createArrayOf("varchar", from));
            insert.setArray(2, connection.createArrayOf("varchar", to));
            insert.setArray(3, connection.createArrayOf("int8", room));
            insert.setArray(4, connection.createArrayOf("text", content));
            insert.setArray(5, connection.createArrayOf("uuid", clientId));
            insert.setArray(6, connection.createArrayOf("int8", replyTo));
            insert.setObject(7, now.atOffset(ZoneOffset.UTC));
            // Ids follow the drafts' order; a draft skipped as a resend has no row. Drafts with a
            // client id are matched by it, the others take the next id in order.
            List<Long> ids = new ArrayList<>(n);
            Set<String> insertedKeys = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    UUID inserted = (UUID) rows.getObject(3);
                    if (inserted != null) {
                        insertedKeys.add(rows.getString(2) + '\n' + inserted);
                    }
                }
            }
            Collections.sort(ids);
            int next = 0;
            for (Draft draft : drafts) {
                boolean fresh = draft.clientId() == null || insertedKeys.remove(draft.from() + '\n' + draft.clientId());
                if (fresh) {
                    stored.add(Stored.fresh(posted(ids.get(next++), draft, now)));
                    continue;
                }
                original.setString(1, draft.from());
                original.setObject(2, draft.clientId());
                try (ResultSet earlier = original.executeQuery()) {
                    earlier.next();
                    Instant originalTime =
                            earlier.getObject(2, OffsetDateTime.class).toInstant();
                    stored.add(Stored.again(posted(earlier.getLong(1), draft, originalTime)));
                }
            }
        }
        return stored;
    }

    /**
     * Changes the message and logs the revision, or nothing: a deleted message cannot be edited
     * (refused) and deleting it again changes nothing (answered as done).
     */
    private static Stored revise(Connection connection, Draft draft, OffsetDateTime timestamp) throws SQLException {
        boolean deletion = draft.content() == null;
        try (PreparedStatement revise = connection.prepareStatement(deletion ? DELETE : EDIT)) {
            int column = 1;
            if (!deletion) {
                revise.setString(column++, draft.content());
            }
            revise.setObject(column++, timestamp);
            revise.setLong(column++, draft.revises());
            revise.setString(column++, draft.from());
            revise.setObject(column, timestamp);
            try (ResultSet row = revise.executeQuery()) {
                if (!row.next()) {
                    return deletion
                            ? Stored.again(null)
                            : Stored.refused(new RequestRejected(ErrorCode.NOT_FOUND, "the message was deleted"));
                }
                long id = row.getLong(1);
                if (deletion) {
                    try (PreparedStatement unreact =
                            connection.prepareStatement("delete from reactions where message_id = ?")) {
                        unreact.setLong(1, draft.revises());
                        unreact.executeUpdate();
                    }
                }
                Instant at = timestamp.toInstant();
                return Stored.fresh(draft.storedRevision(id, at, deletion ? null : at, null));
            }
        }
    }

    /**
     * Adds or takes back a reaction and logs it with the count it leaves, or nothing: a reaction
     * already there (or already gone) changes nothing and is answered as done. The message must
     * still be there, and may have at most {@link Reaction#MAX_KINDS} different emoji.
     */
    private static Stored react(Connection connection, Draft draft, OffsetDateTime timestamp) throws SQLException {
        long message = draft.revises();
        String emoji = draft.reaction().emoji();
        boolean adding = draft.reaction().added();
        try (PreparedStatement kinds = connection.prepareStatement(REACTION_KINDS)) {
            kinds.setString(1, emoji);
            kinds.setLong(2, message);
            try (ResultSet row = kinds.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    return Stored.refused(new RequestRejected(ErrorCode.NOT_FOUND, "the message was deleted"));
                }
                if (adding && !row.getBoolean(3) && row.getInt(2) >= Reaction.MAX_KINDS) {
                    return Stored.refused(new RequestRejected(
                            ErrorCode.QUOTA_EXCEEDED,
                            "a message can have at most " + Reaction.MAX_KINDS + " different reactions"));
                }
            }
        }
        try (PreparedStatement change = connection.prepareStatement(adding ? ADD_REACTION : REMOVE_REACTION)) {
            change.setLong(1, message);
            change.setString(2, emoji);
            change.setString(3, draft.from());
            if (adding) {
                change.setObject(4, timestamp);
            }
            if (change.executeUpdate() == 0) {
                return Stored.again(null);
            }
        }
        try (PreparedStatement log = connection.prepareStatement(LOG_REACTION)) {
            log.setString(1, draft.from());
            log.setString(2, draft.to());
            log.setObject(3, draft.roomId(), Types.BIGINT);
            log.setObject(4, timestamp);
            log.setLong(5, message);
            log.setString(6, emoji);
            log.setBoolean(7, adding);
            log.setLong(8, message);
            log.setString(9, emoji);
            try (ResultSet row = log.executeQuery()) {
                row.next();
                return Stored.fresh(draft.storedRevision(
                        row.getLong(1), timestamp.toInstant(), null, new Reaction(emoji, adding, row.getInt(2))));
            }
        }
    }

    /** Parameters: emoji, message id. Whether the message is there, its different emoji, and whether this is one. */
    private static final String REACTION_KINDS = """
            select m.deleted_at is null,
                   (select count(distinct emoji) from reactions where message_id = m.id),
                   exists (select 1 from reactions where message_id = m.id and emoji = ?)
            from messages m where m.id = ? and m.revises is null
            """;

    private static final String ADD_REACTION = """
            insert into reactions (message_id, emoji, user_id, reacted_at) values (?, ?, ?, ?)
            on conflict do nothing
            """;

    private static final String REMOVE_REACTION =
            "delete from reactions where message_id = ? and emoji = ? and user_id = ?";

    /** Parameters: who, the other person or null, room or null, when, message id, emoji, added, message id, emoji. */
    private static final String LOG_REACTION = """
            insert into messages (from_user, to_user, room, "timestamp", revises, reaction, reaction_added, reaction_count)
            values (?, ?, ?, ?, ?, ?, ?, (select count(*) from reactions where message_id = ? and emoji = ?))
            returning id, reaction_count
            """;

    /** Parameters: content, edited at, message id, author, revision time. */
    private static final String EDIT = """
            with target as (
                update messages set content = ?, edited_at = ?
                where id = ? and from_user = ? and revises is null and deleted_at is null
                returning id, from_user, to_user, room)
            insert into messages (from_user, to_user, room, "timestamp", revises)
            select from_user, to_user, room, ?, id from target
            returning id
            """;

    /** Parameters: deleted at, message id, author, revision time. The text is erased for good. */
    private static final String DELETE = """
            with target as (
                update messages set content = null, deleted_at = ?
                where id = ? and from_user = ? and revises is null and deleted_at is null
                returning id, from_user, to_user, room)
            insert into messages (from_user, to_user, room, "timestamp", revises)
            select from_user, to_user, room, ?, id from target
            returning id
            """;

    /** Who wrote the message, where and when, and whether it is deleted; empty for a revision or an unknown id. */
    public Optional<MessageHeader> header(long id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(HEADER)) {
            read.setLong(1, id);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MessageHeader(
                        id,
                        row.getString(1),
                        row.getString(2),
                        (Long) row.getObject(3),
                        row.getObject(4, OffsetDateTime.class).toInstant(),
                        row.getBoolean(5)));
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading message " + id + " failed", e);
        }
    }

    private static final String HEADER = """
            select from_user, to_user, room, "timestamp", deleted_at is not null
            from messages where id = ? and revises is null
            """;

    /**
     * One statement for the whole batch: a round trip per message capped the single writer at about
     * 1 200 messages a second (BENCHMARKS.md). ORDER BY the position hands out ids in the drafts'
     * order, so one sender's messages keep theirs; the write lock is held until commit, so no other
     * transaction can commit a smaller id afterwards.
     */
    private static final String INSERT = """
            with d as (
                select * from unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::text[], ?::uuid[], ?::bigint[])
                     with ordinality as d(from_user, to_user, room, content, client_id, reply_to, position))
            insert into messages (from_user, to_user, room, content, "timestamp", client_id, reply_to)
            select d.from_user, d.to_user, d.room, d.content, ?::timestamptz, d.client_id, d.reply_to
            from d order by d.position
            on conflict (from_user, client_id) where client_id is not null do nothing
            returning id, from_user, client_id
            """;

    /**
     * The newest message committed before this transaction's: read under the write lock, so no
     * transaction can still commit a smaller id. With announcements on, the same statement wakes
     * every instance's feed once this transaction commits (PostgreSQL delivers notifications at
     * commit, in commit order, and drops them with a rollback); the payload says after which id to
     * read and which instance wrote, so that one need not read back its own messages.
     */
    private long precedingId(PreparedStatement preceding) throws SQLException {
        if (announcements.enabled()) {
            preceding.setString(1, ChangeChannels.MESSAGES);
            preceding.setString(2, instance.id());
        }
        try (ResultSet row = preceding.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static final String PRECEDING = "select coalesce(max(id), 0) from messages";

    private static final String PRECEDING_ANNOUNCED = """
            select p.id, pg_notify(?, p.id || ' ' || ?)
            from (select coalesce(max(id), 0) as id from messages) p
            """;

    private static final String ORIGINAL = """
            select id, "timestamp" from messages where from_user = ? and client_id = ?
            """;

    private static PostedMessage posted(long id, Draft draft, Instant timestamp) {
        return PostedMessage.posted(
                        id,
                        draft.from(),
                        draft.to(),
                        draft.roomId(),
                        draft.roomName(),
                        draft.content(),
                        timestamp,
                        draft.clientId())
                .withReplyTo(draft.replyTo())
                .withFromName(draft.fromName());
    }

    /**
     * Everything the user is entitled to with an id above {@code after}: messages of the rooms they
     * belong to now and their direct messages, in id order; at most {@code limit} of them.
     */
    public Replay replay(String userId, long after, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement missed = readTimeout.bound(connection.prepareStatement(MISSED))) {
            bindMissed(missed, userId, after, limit + 1);
            List<PostedMessage> messages;
            try (ResultSet rows = missed.executeQuery()) {
                messages = postedMessages(connection, rows);
            }
            if (messages.size() <= limit) {
                long cursor = messages.isEmpty()
                        ? after
                        : messages.get(messages.size() - 1).id();
                return new Replay(messages, true, cursor);
            }
            return new Replay(List.of(), false, newestId(connection));
        } catch (SQLException e) {
            throw new PersistenceException("replaying messages failed", e);
        }
    }

    /** Binds {@link #MISSED}'s parameters: each branch stops after {@code rows}, and so does the merge. */
    static void bindMissed(PreparedStatement missed, String userId, long after, int rows) throws SQLException {
        missed.setString(1, userId);
        missed.setLong(2, after);
        missed.setInt(3, rows);
        missed.setString(4, userId);
        missed.setLong(5, after);
        missed.setInt(6, rows);
        missed.setLong(7, after);
        missed.setInt(8, rows);
        missed.setString(9, userId);
        missed.setInt(10, rows);
    }

    /** The largest id stored: where a client that cannot be replayed to continues from. */
    public long newestId() {
        try (Connection connection = dataSource.getConnection()) {
            return newestId(connection);
        } catch (SQLException e) {
            throw new PersistenceException("reading the newest message id failed", e);
        }
    }

    /**
     * Up to {@code limit} messages with ids above {@code after}, in id order: a range scan of the
     * primary key, for the feed that follows what every instance stores.
     */
    public static List<PostedMessage> after(Connection connection, long after, int limit) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(AFTER)) {
            read.setLong(1, after);
            read.setInt(2, limit);
            try (ResultSet rows = read.executeQuery()) {
                return postedMessages(connection, rows);
            }
        }
    }

    static final String AFTER = """
            select m.id, m.from_user, m.to_user, m.room, r.name, m.content, m."timestamp", m.client_id,
                   m.edited_at, m.revises, m.reply_to, m.reaction, m.reaction_added, m.reaction_count, u.name
            from messages m left join rooms r on r.id = m.room left join users u on u.id = m.from_user and m.revises is null
            where m.id > ? order by m.id limit ?
            """;

    /**
     * Rows of (id, from, to, room, room name, content, timestamp, client id, edited at, revises,
     * reply to, reaction, reaction added, reaction count, author's name), each edit or deletion then given the
     * content and edit time of its message now: an edit replayed after a later one brings the latest
     * text, and one replayed after a deletion tells of the deletion. The revised messages, and the
     * messages replies quote, are read by second queries, only when the page holds any: joining
     * messages with itself in the log's queries gave them generic plans costly enough for parallel
     * workers, on the feed's read that the writer waits for (BENCHMARKS.md, 2026-11-27).
     */
    private static List<PostedMessage> postedMessages(Connection connection, ResultSet rows) throws SQLException {
        List<PostedMessage> messages = new ArrayList<>();
        Set<Long> revised = new HashSet<>();
        Map<Long, Quote> quoted = new HashMap<>();
        while (rows.next()) {
            OffsetDateTime editedAt = rows.getObject(9, OffsetDateTime.class);
            Long revises = (Long) rows.getObject(10);
            Long replyTo = (Long) rows.getObject(11);
            String emoji = rows.getString(12);
            Reaction reaction = emoji == null ? null : new Reaction(emoji, rows.getBoolean(13), rows.getInt(14));
            if (revises != null && reaction == null) {
                revised.add(revises);
            }
            if (replyTo != null) {
                quoted.put(replyTo, null);
            }
            messages.add(new PostedMessage(
                    rows.getLong(1),
                    rows.getString(2),
                    rows.getString(3),
                    (Long) rows.getObject(4),
                    rows.getString(5),
                    rows.getString(6),
                    rows.getObject(7, OffsetDateTime.class).toInstant(),
                    (UUID) rows.getObject(8),
                    editedAt == null ? null : editedAt.toInstant(),
                    revises,
                    replyTo == null ? null : new Quote(replyTo, null, null, false),
                    reaction,
                    rows.getString(15)));
        }
        if (!revised.isEmpty()) {
            messages = withMessagesNow(connection, messages, revised);
        }
        if (!quoted.isEmpty()) {
            Map<Long, Quote> quotes = quotes(connection, quoted.keySet(), 0);
            messages = messages.stream()
                    .map(message -> message.replyTo() == null
                            ? message
                            : message.withReplyTo(quotes.get(message.replyTo().id())))
                    .toList();
        }
        return messages;
    }

    /** A revised message as it is now. */
    private record Current(String content, Instant editedAt) {}

    private static List<PostedMessage> withMessagesNow(
            Connection connection, List<PostedMessage> entries, Set<Long> revised) throws SQLException {
        Map<Long, Current> now = new HashMap<>();
        try (PreparedStatement read =
                connection.prepareStatement("select id, content, edited_at from messages where id = any(?)")) {
            read.setArray(1, connection.createArrayOf("int8", revised.toArray()));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    OffsetDateTime editedAt = rows.getObject(3, OffsetDateTime.class);
                    now.put(
                            rows.getLong(1),
                            new Current(rows.getString(2), editedAt == null ? null : editedAt.toInstant()));
                }
            }
        }
        List<PostedMessage> current = new ArrayList<>(entries.size());
        for (PostedMessage entry : entries) {
            Current message = entry.isRevision() && !entry.isReaction() ? now.get(entry.revises()) : null;
            current.add(message == null ? entry : entry.withContent(message.content(), message.editedAt()));
        }
        return current;
    }

    /** The quotes of these messages as replies show them now, by id. */
    private static Map<Long, Quote> quotes(Connection connection, Set<Long> ids, int timeoutSeconds)
            throws SQLException {
        Map<Long, Quote> quotes = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(QUOTES)) {
            ReadTimeout.bound(read, timeoutSeconds);
            read.setInt(1, Quote.EXCERPT_LENGTH);
            read.setArray(2, connection.createArrayOf("int8", ids.toArray()));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    String excerpt = rows.getString(3);
                    quotes.put(
                            rows.getLong(1),
                            new Quote(rows.getLong(1), rows.getString(2), excerpt, excerpt == null, rows.getString(4)));
                }
            }
        }
        return quotes;
    }

    private static final String QUOTES = """
            select m.id, m.from_user, left(m.content, ?), u.name
            from messages m left join users u on u.id = m.from_user
            where m.id = any(?) and m.revises is null
            """;

    public static long newestId(Connection connection) throws SQLException {
        try (PreparedStatement newest = connection.prepareStatement("select coalesce(max(id), 0) from messages");
                ResultSet row = newest.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * One ordered index range scan per conversation the user is in (direct messages received, sent,
     * and each room of theirs), each stopping after {@code limit + 1} ids, merged by id; only the
     * ids that make the cut are then read in full. The cost grows with the user's rooms and the
     * replay limit (index-only scans of messages_room_history), never with the messages after the
     * cursor: a single scan of the primary key from the cursor, with the membership as a filter,
     * walks every message of everybody since then (1.6 s at 5 million messages for someone in one
     * quiet room; QueryPlansIT, BENCHMARKS.md).
     */
    static final String MISSED = """
            select m.id, m.from_user, m.to_user, m.room, r.name, m.content, m."timestamp", m.client_id,
                   m.edited_at, m.revises, m.reply_to, m.reaction, m.reaction_added, m.reaction_count, u.name
            from (
                select id from (
                    (select id from messages where to_user = ? and id > ? order by id limit ?)
                    union all
                    (select id from messages
                     where from_user = ? and to_user is not null and to_user <> from_user and id > ?
                     order by id limit ?)
                    union all
                    (select room_ids.id from room_members mine cross join lateral (
                         select in_room.id from messages in_room where in_room.room = mine.room_id and in_room.id > ?
                         order by in_room.id limit ?) room_ids
                     where mine.user_id = ?)
                ) candidates
                order by id
                limit ?
            ) missed
            join messages m on m.id = missed.id
            left join rooms r on r.id = m.room
            left join users u on u.id = m.from_user and m.revises is null
            order by m.id
            """;

    /**
     * A room's page: a backward range scan of messages_room_history. The columns of {@link Message}
     * only: the search vector would double what a page reads.
     */
    static final String ROOM_PAGE = """
            select m.id, m.from_user, m.to_user, m.room, m.content, m."timestamp", m.edited_at, m.deleted_at, m.client_id,
                   m.reply_to, u.name as from_name
            from messages m left join users u on u.id = m.from_user
            where m.room = ?1 and m.id < ?2 and m.revises is null order by m.id desc limit ?3
            """;

    /**
     * A direct conversation's page: least/greatest match the expression index messages_dm_history,
     * in the database's collation.
     */
    static final String DIRECT_PAGE = """
            select m.id, m.from_user, m.to_user, m.room, m.content, m."timestamp", m.edited_at, m.deleted_at, m.client_id,
                   m.reply_to, u.name as from_name
            from messages m left join users u on u.id = m.from_user
            where m.to_user is not null
              and least(m.from_user, m.to_user) = least(?1, ?2)
              and greatest(m.from_user, m.to_user) = greatest(?1, ?2)
              and m.id < ?3
              and m.revises is null
            order by m.id desc
            limit ?4
            """;

    /** A room's messages from an id on: a forward range scan of messages_room_history. */
    static final String ROOM_NEWER = """
            select m.id, m.from_user, m.to_user, m.room, m.content, m."timestamp", m.edited_at, m.deleted_at, m.client_id,
                   m.reply_to, u.name as from_name
            from messages m left join users u on u.id = m.from_user
            where m.room = ?1 and m.id >= ?2 and m.revises is null order by m.id limit ?3
            """;

    static final String DIRECT_NEWER = """
            select m.id, m.from_user, m.to_user, m.room, m.content, m."timestamp", m.edited_at, m.deleted_at, m.client_id,
                   m.reply_to, u.name as from_name
            from messages m left join users u on u.id = m.from_user
            where m.to_user is not null
              and least(m.from_user, m.to_user) = least(?1, ?2)
              and greatest(m.from_user, m.to_user) = greatest(?1, ?2)
              and m.id >= ?3
              and m.revises is null
            order by m.id
            limit ?4
            """;

    /** Up to {@code limit} messages of the room with ids below {@code before}, oldest first. */
    public List<Message> roomHistory(long roomId, long before, int limit) {
        return oldestFirst(page(ROOM_PAGE, roomId, before, limit));
    }

    /**
     * About {@code limit} messages of the room around {@code around}, oldest first: half before it,
     * the rest from it on (more of either where the other side has fewer).
     */
    public List<Message> roomHistoryAround(long roomId, long around, int limit) {
        List<Message> newer = page(ROOM_NEWER, roomId, around, limit - limit / 2);
        List<Message> older = oldestFirst(page(ROOM_PAGE, roomId, around, limit - newer.size()));
        return concatenated(older, newer);
    }

    /** Up to {@code limit} direct messages between the two users with ids below {@code before}, oldest first. */
    public List<Message> conversation(String oneUser, String otherUser, long before, int limit) {
        return oldestFirst(page(DIRECT_PAGE, oneUser, otherUser, before, limit));
    }

    /** Like {@link #roomHistoryAround}, in the direct conversation between the two users. */
    public List<Message> conversationAround(String oneUser, String otherUser, long around, int limit) {
        List<Message> newer = page(DIRECT_NEWER, oneUser, otherUser, around, limit - limit / 2);
        List<Message> older = oldestFirst(page(DIRECT_PAGE, oneUser, otherUser, around, limit - newer.size()));
        return concatenated(older, newer);
    }

    @SuppressWarnings("unchecked")
    private List<Message> page(String query, Object... parameters) {
        var page = readTimeout.bound(em.createNativeQuery(query, Message.class));
        for (int i = 0; i < parameters.length; i++) {
            page.setParameter(i + 1, parameters[i]);
        }
        return page.getResultList();
    }

    private static List<Message> concatenated(List<Message> older, List<Message> newer) {
        List<Message> page = new ArrayList<>(older.size() + newer.size());
        page.addAll(older);
        page.addAll(newer);
        return page;
    }

    /** The page with the quotes its replies show and the reactions to its messages, as {@code viewer} sees them. */
    public HistoryPage withQuotesAndReactions(List<Message> page, String viewer) {
        if (page.isEmpty()) {
            return new HistoryPage(page, Map.of(), Map.of());
        }
        Set<Long> replied = new HashSet<>();
        page.stream().map(Message::replyTo).filter(java.util.Objects::nonNull).forEach(replied::add);
        try (Connection connection = dataSource.getConnection()) {
            int timeout = readTimeout.seconds();
            Map<Long, Quote> quotes = replied.isEmpty() ? Map.of() : quotes(connection, replied, timeout);
            return new HistoryPage(page, quotes, reactions(connection, page, viewer, timeout));
        } catch (SQLException e) {
            throw new PersistenceException("reading quotes and reactions failed", e);
        }
    }

    private static Map<Long, List<ReactionSummary>> reactions(
            Connection connection, List<Message> page, String viewer, int timeoutSeconds) throws SQLException {
        Map<Long, List<ReactionSummary>> reactions = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(REACTIONS)) {
            ReadTimeout.bound(read, timeoutSeconds);
            read.setString(1, viewer);
            read.setInt(2, ReactionSummary.NAMED);
            read.setArray(
                    3,
                    connection.createArrayOf(
                            "int8", page.stream().map(Message::id).toArray()));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    List<String> users = new ArrayList<>();
                    for (Object user : (Object[]) rows.getArray(5).getArray()) {
                        users.add((String) user);
                    }
                    reactions
                            .computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                            .add(new ReactionSummary(rows.getString(2), rows.getInt(3), users, rows.getBoolean(4)));
                }
            }
        }
        return reactions;
    }

    /** Parameters: viewer, how many to name, message ids. Each message's emoji in the order first used. */
    private static final String REACTIONS = """
            select message_id, emoji, count(*), bool_or(user_id = ?),
                   (array_agg(user_id order by reacted_at, user_id))[1:?]
            from reactions where message_id = any(?)
            group by message_id, emoji
            order by message_id, min(reacted_at), emoji
            """;

    /** The message as a reply to it quotes it; empty for a revision or an unknown id. */
    public Optional<Quote> quote(long id) {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.ofNullable(quotes(connection, Set.of(id), 0).get(id));
        } catch (SQLException e) {
            throw new PersistenceException("reading message " + id + " failed", e);
        }
    }

    private static List<Message> oldestFirst(List<Message> newestFirst) {
        List<Message> page = new ArrayList<>(newestFirst);
        Collections.reverse(page);
        return page;
    }
}
