package app.chat.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.MigratedDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans of the queries a client can trigger, on a database the application's migrations built
 * and filled with a company's traffic: 2 000 people, 1 000 rooms of 100 members (each person in
 * about 50), and {@link #MESSAGES} messages. Each query must read about as many rows as it returns,
 * never every message after a cursor. Counting rows read instead of timing keeps the test exact on
 * any machine; BENCHMARKS.md has the timings at 5 million messages.
 */
class QueryPlansIT {

    static final int MESSAGES = Integer.getInteger("chat.plans.messages", 300_000);
    private static final String DATABASE = "chat_plans";
    private static final int REPLAY_ROWS = 501;

    private static Connection db;

    @BeforeAll
    static void fill() throws SQLException {
        db = MigratedDatabase.create(DATABASE);
        try (Statement statement = db.createStatement()) {
            statement.execute("""
                    insert into users (id, name) select 'u' || g, 'User ' || g from generate_series(0, 1999) g;
                    insert into rooms (name, is_private, created_by)
                        select 'room-' || g, g % 10 = 0, 'u' || g from generate_series(0, 999) g;
                    insert into room_members (room_id, user_id)
                        select r.id, 'u' || ((r.id * 7 + k) % 2000) from rooms r, generate_series(0, 99) k
                        on conflict do nothing;
                    insert into messages (from_user, to_user, room, content, "timestamp")
                        select 'u' || (g % 2000),
                               case when g % 10 = 0 then 'u' || ((g / 10) % 2000) end,
                               case when g % 10 <> 0 then (select min(id) from rooms) + g % 1000 end,
                               'message ' || g, now()
                        from generate_series(1, MESSAGES) g;
                    insert into users (id, name) values ('quiet', 'Quiet');
                    insert into rooms (name, created_by) values ('quiet-room', 'quiet');
                    insert into room_members select id, 'quiet' from rooms where name = 'quiet-room';
                    insert into messages (from_user, room, content, "timestamp")
                        select 'quiet', (select id from rooms where name = 'quiet-room'), 'q', now()
                        from generate_series(1, 10);
                    analyze;
                    """.replace("MESSAGES", Integer.toString(MESSAGES)));
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void resumeOfAQuietUserReadsTheirConversationsNotEveryMessageSinceTheCursor() throws SQLException {
        JsonObject plan =
                explain(Messages.MISSED, statement -> Messages.bindMissed(statement, "quiet", 0, REPLAY_ROWS));
        assertEquals(10, returned(plan));
        assertTrue(messagesRead(plan) <= 20, "rows of messages read: " + messagesRead(plan));
    }

    @Test
    void resumeOfAMemberOfFiftyRoomsWithAnOldCursorIsBoundedByItsConversationsTimesTheReplayLimit()
            throws SQLException {
        int rooms = count("select count(*) from room_members where user_id = 'u7'");
        JsonObject plan = explain(Messages.MISSED, statement -> Messages.bindMissed(statement, "u7", 1, REPLAY_ROWS));
        assertEquals(REPLAY_ROWS, returned(plan));
        // Up to REPLAY_ROWS ids from each room and from each direction of direct messages, then the
        // REPLAY_ROWS that made the cut read in full.
        assertTrue(
                messagesRead(plan) <= (long) (rooms + 3) * REPLAY_ROWS,
                "rows of messages read: " + messagesRead(plan) + " for " + rooms + " rooms");
    }

    @Test
    void aRoomHistoryPageReadsThePageOnly() throws SQLException {
        int room = count("select min(id) + 3 from rooms");
        JsonObject plan = explain(jdbc(Messages.ROOM_PAGE), statement -> {
            statement.setLong(1, room);
            statement.setLong(2, MESSAGES / 2);
            statement.setInt(3, 100);
        });
        assertEquals(100, returned(plan));
        assertTrue(messagesRead(plan) <= 100, "rows of messages read: " + messagesRead(plan));
    }

    @Test
    void aDirectHistoryPageReadsThePageOnly() throws SQLException {
        JsonObject plan = explain(jdbc(Messages.DIRECT_PAGE), statement -> {
            for (int i = 0; i < 2; i++) {
                statement.setString(1 + 2 * i, "u10");
                statement.setString(2 + 2 * i, "u1");
            }
            statement.setLong(5, Long.MAX_VALUE);
            statement.setInt(6, 100);
        });
        assertTrue(returned(plan) > 0);
        assertTrue(messagesRead(plan) <= returned(plan), "rows of messages read: " + messagesRead(plan));
    }

    @Test
    void theFeedCatchingUpReadsOnlyWhatIsNewWhateverTheTableHolds() throws SQLException {
        int newest = count("select max(id) from messages");
        JsonObject plan = explain(Messages.AFTER, statement -> {
            statement.setLong(1, newest - 40);
            statement.setInt(2, 500);
        });
        assertEquals(40, returned(plan));
        assertTrue(messagesRead(plan) <= 40, "rows of messages read: " + messagesRead(plan));
    }

    /**
     * The feed reads the log every second and whenever it is woken, on its own connection, where
     * the driver soon prepares the statement and PostgreSQL may switch to a generic plan, which
     * cannot see that the cursor is near the end. That plan must stay a plain index scan: one
     * estimated dear enough for parallel workers (as a join of messages with itself was) costs the
     * database far more than the read, while the writer waits for it.
     */
    @Test
    void theFeedsReadOfTheLogStaysAPlainIndexScanUnderAGenericPlan() throws SQLException {
        int newest = count("select max(id) from messages");
        String numbered = Messages.AFTER.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
        try (Statement statement = db.createStatement()) {
            statement.execute("set plan_cache_mode = force_generic_plan");
            statement.execute("prepare feed_read(bigint, int) as " + numbered);
            try (ResultSet row =
                    statement.executeQuery("explain (format json) execute feed_read(" + (newest - 40) + ", 500)")) {
                row.next();
                String plan = row.getString(1);
                assertFalse(plan.contains("Gather"), "no parallel workers: " + plan);
                assertTrue(plan.contains("messages_pkey"), "a range of the primary key: " + plan);
            } finally {
                statement.execute("deallocate feed_read");
                statement.execute("reset plan_cache_mode");
            }
        }
    }

    private interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** JPA's numbered parameters (?1) as JDBC's positional ones. */
    private static String jdbc(String sql) {
        return sql.replaceAll("\\?\\d+", "?");
    }

    private static JsonObject explain(String sql, Binding binding) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("explain (analyze, format json) " + sql)) {
            binding.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return Json.createReader(new StringReader(row.getString(1)))
                        .readArray()
                        .getJsonObject(0)
                        .getJsonObject("Plan");
            }
        }
    }

    private static int count(String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private static long returned(JsonObject plan) {
        return plan.getJsonNumber("Actual Rows").longValue();
    }

    /** Rows of the messages table that the plan's scans produced or filtered away, over all loops. */
    private static long messagesRead(JsonObject node) {
        long read = 0;
        if ("messages".equals(node.getString("Relation Name", null))) {
            assertTrue(!node.getString("Node Type").equals("Seq Scan"), "a sequential scan of messages");
            long perLoop = node.getJsonNumber("Actual Rows").longValue()
                    + (node.containsKey("Rows Removed by Filter")
                            ? node.getJsonNumber("Rows Removed by Filter").longValue()
                            : 0);
            read += perLoop * node.getJsonNumber("Actual Loops").longValue();
        }
        JsonArray children = node.getJsonArray("Plans");
        if (children != null) {
            for (JsonValue child : children) {
                read += messagesRead(child.asJsonObject());
            }
        }
        return read;
    }
}
