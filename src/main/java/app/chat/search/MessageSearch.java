package app.chat.search;

import app.chat.schema.ChatDatabase;
import app.chat.schema.DatabaseWork;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The search itself, in PostgreSQL: the words as {@code websearch_to_tsquery} reads them (quotes for
 * phrases, {@code -} to exclude, {@code or}), matched against each message's generated {@code
 * search} vector through its GIN index, within what the person may read, ranked by {@code
 * ts_rank_cd} (newest first among equals); only the page's messages are then cut into snippets.
 */
@Stateless
@DatabaseWork
public class MessageSearch {

    /** What PostgreSQL marks matches with in a snippet: private-use characters, removed from the text first. */
    static final char START = '\uE000';

    static final char STOP = '\uE001';

    /** Messages up to this many characters are shown whole; longer ones by fragments around the matches. */
    static final int WHOLE_UP_TO = 280;

    /** The text search configuration of the {@code search} column (sql/V9__message_search.sql). */
    static final String CONFIGURATION = "simple";

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    /**
     * Where to look, already checked: {@code roomId} for one room (one the person may read), {@code
     * with} for one direct conversation, or neither for all of the person's rooms and conversations.
     */
    public List<Found> find(String user, SearchRequest request, Long roomId) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder("m.search @@ q.query and m.revises is null and m.deleted_at is null");
        if (roomId != null) {
            where.append(" and m.room = ?");
            parameters.add(roomId);
        } else if (request.with().isPresent()) {
            where.append(" and m.to_user is not null and least(m.from_user, m.to_user) = least(?, ?)")
                    .append(" and greatest(m.from_user, m.to_user) = greatest(?, ?)");
            parameters.addAll(
                    List.of(user, request.with().get(), user, request.with().get()));
        } else {
            where.append(" and (m.room in (select room_id from room_members where user_id = ?)")
                    .append(" or (m.to_user is not null and (m.from_user = ? or m.to_user = ?)))");
            parameters.addAll(List.of(user, user, user));
        }
        request.from().ifPresent(from -> {
            where.append(" and m.from_user = ?");
            parameters.add(from);
        });
        request.before().ifPresent(before -> {
            where.append(" and m.\"timestamp\" < ?");
            parameters.add(Timestamp.from(before));
        });
        request.after().ifPresent(after -> {
            where.append(" and m.\"timestamp\" >= ?");
            parameters.add(Timestamp.from(after));
        });
        String sql = """
                with q as (select websearch_to_tsquery('%1$s', ?) as query),
                found as (
                    select m.id, ts_rank_cd(m.search, q.query) as rank
                    from messages m, q
                    where %2$s
                    order by rank desc, m.id desc
                    limit ? offset ?)
                select m.id, r.name, m.from_user, m.to_user, m."timestamp",
                       ts_headline('%1$s', translate(m.content, ?, ''), q.query,
                                   'StartSel=' || ? || ', StopSel=' || ? || ', '
                                   || case when length(m.content) <= ? then 'HighlightAll=true'
                                      else 'MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "' end)
                from found join messages m on m.id = found.id left join rooms r on r.id = m.room, q
                order by found.rank desc, found.id desc
                """.formatted(CONFIGURATION, where);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement search = connection.prepareStatement(sql)) {
            int column = 1;
            search.setString(column++, request.text());
            for (Object parameter : parameters) {
                search.setObject(column++, parameter);
            }
            search.setInt(column++, request.limit());
            search.setInt(column++, request.offset());
            search.setString(column++, String.valueOf(START) + STOP);
            search.setString(column++, String.valueOf(START));
            search.setString(column++, String.valueOf(STOP));
            search.setInt(column, WHOLE_UP_TO);
            List<Found> found = new ArrayList<>();
            try (ResultSet rows = search.executeQuery()) {
                while (rows.next()) {
                    found.add(new Found(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getObject(5, OffsetDateTime.class).toInstant(),
                            snippet(rows.getString(6))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new PersistenceException("searching messages failed", e);
        }
    }

    /** Cuts PostgreSQL's headline into runs of text, the marked ones being matches. */
    static List<Found.Snippet> snippet(String headline) {
        List<Found.Snippet> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean match = false;
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            if (c == START || c == STOP) {
                if (!run.isEmpty()) {
                    runs.add(new Found.Snippet(run.toString(), match));
                    run.setLength(0);
                }
                match = c == START;
            } else {
                run.append(c);
            }
        }
        if (!run.isEmpty()) {
            runs.add(new Found.Snippet(run.toString(), match));
        }
        return runs;
    }
}
