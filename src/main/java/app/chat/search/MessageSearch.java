package app.chat.search;

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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The search itself, in PostgreSQL: the words as {@code websearch_to_tsquery} reads them (quotes for
 * phrases, {@code -} to exclude, {@code or}), matched against each message's generated {@code
 * search} vector through its GIN index, within what the person may read, ranked by {@code
 * ts_rank_cd} among the newest matches (newest first among equals); only the page's messages are
 * then cut into snippets.
 */
@Stateless
@DatabaseWork
public class MessageSearch {

    /** What PostgreSQL marks matches with in a snippet: private-use characters, removed from the text first. */
    static final char START = '\uE000';

    static final char STOP = '\uE001';

    /** How many of the newest matches are ranked (more when a page lies beyond them). */
    static final int CANDIDATES = 500;

    /** Messages up to this many characters are shown whole; longer ones by fragments around the matches. */
    static final int WHOLE_UP_TO = 280;

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SearchLanguage language;

    @Inject
    ReadTimeout readTimeout;

    /**
     * Where to look, already checked: {@code roomId} for one room (one the person may read), {@code
     * with} for one direct conversation, or neither for all of the person's rooms and conversations.
     */
    public List<Found> find(String user, SearchRequest request, Long roomId) {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement settings = connection.createStatement()) {
                // Each search is planned for its own words: a generic plan cannot tell a rare word
                // from a common one and would scan for the one as for the other. Compiling it to
                // machine code costs more than running it.
                settings.execute("set local plan_cache_mode = force_custom_plan; set local jit = off");
            }
            List<Object> parameters = new ArrayList<>();
            // Checked against the database's configurations at start-up (SearchLanguage).
            String configuration = language.name().replace("'", "''");
            StringBuilder where = new StringBuilder("m.search @@ websearch_to_tsquery('" + configuration
                    + "', ?) and m.revises is null" + " and m.deleted_at is null");
            parameters.add(request.text());
            if (roomId != null) {
                where.append(" and m.room = ?");
                parameters.add(roomId);
            } else if (request.with().isPresent()) {
                where.append(" and m.to_user is not null and least(m.from_user, m.to_user) = least(?, ?)")
                        .append(" and greatest(m.from_user, m.to_user) = greatest(?, ?)");
                parameters.addAll(
                        List.of(user, request.with().get(), user, request.with().get()));
            } else {
                // The rooms as a list of ids: the planner then knows how much of the table they are.
                where.append(
                        " and (m.room = any(?) or (m.to_user is not null and (m.from_user = ? or m.to_user = ?)))");
                parameters.add(connection.createArrayOf(
                        "int8", roomsOf(connection, user).toArray()));
                parameters.addAll(List.of(user, user));
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
            parameters.add(Math.max(CANDIDATES, request.offset() + request.limit()));
            parameters.add(request.text());
            parameters.add(request.limit());
            parameters.add(request.offset());
            parameters.add(String.valueOf(START) + STOP);
            parameters.add(request.text());
            parameters.add(String.valueOf(START));
            parameters.add(String.valueOf(STOP));
            parameters.add(WHOLE_UP_TO);
            return found(connection, SEARCH.formatted(configuration, where), parameters, readTimeout.seconds());
        } catch (SQLException e) {
            throw new PersistenceException("searching messages failed", e);
        }
    }

    /**
     * The newest {@link #CANDIDATES} matches, then the best of them: ranking every match of a word in
     * half the messages would read half the table; a word that rare is found whole. The planner picks
     * the GIN index for rare words and a backward walk of the primary key for common ones.
     */
    private static final String SEARCH = """
            with candidates as (
                select m.id, m.search from messages m
                where %2$s
                order by m.id desc
                limit ?),
            found as (
                select id, ts_rank_cd(search, websearch_to_tsquery('%1$s', ?)) as rank from candidates
                order by rank desc, id desc
                limit ? offset ?)
            select m.id, r.name, m.from_user, m.to_user, m."timestamp", u.name,
                   ts_headline('%1$s', translate(m.content, ?, ''), websearch_to_tsquery('%1$s', ?),
                               'StartSel=' || ? || ', StopSel=' || ? || ', '
                               || case when length(m.content) <= ? then 'HighlightAll=true'
                                  else 'MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "' end)
            from found join messages m on m.id = found.id left join rooms r on r.id = m.room
                 left join users u on u.id = m.from_user
            order by found.rank desc, found.id desc
            """;

    private static List<Long> roomsOf(Connection connection, String user) throws SQLException {
        try (PreparedStatement rooms =
                connection.prepareStatement("select room_id from room_members where user_id = ?")) {
            rooms.setString(1, user);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = rooms.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static List<Found> found(Connection connection, String sql, List<Object> parameters, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement search = connection.prepareStatement(sql)) {
            ReadTimeout.bound(search, timeoutSeconds);
            for (int i = 0; i < parameters.size(); i++) {
                search.setObject(i + 1, parameters.get(i));
            }
            List<Found> found = new ArrayList<>();
            try (ResultSet rows = search.executeQuery()) {
                while (rows.next()) {
                    found.add(new Found(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(6),
                            rows.getString(4),
                            rows.getObject(5, OffsetDateTime.class).toInstant(),
                            snippet(rows.getString(7))));
                }
            }
            return found;
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
