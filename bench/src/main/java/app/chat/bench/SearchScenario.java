package app.chat.bench;

import app.chat.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Search at the size of a company's history: millions of messages over a thousand rooms, their words
 * drawn with Zipf's law (the k-th most common word in about 1/k of the places, as in real text), and
 * a person in 50 of those rooms searching words from the most common to the rarest. The messages are
 * inserted straight into the database once; the figures are the time from request to answer.
 */
final class SearchScenario {

    private static final int ROOMS = 1000;
    private static final int ROOMS_OF_SEARCHER = 50;
    private static final int VOCABULARY = 20_000;
    private static final int WORDS_PER_MESSAGE = 10;
    private static final String SEARCHER = "search-a";
    private static final String AUTHOR = "search-b";

    private final Bench bench;

    SearchScenario(Bench bench) {
        this.bench = bench;
    }

    /** A query, and what it stands for. */
    private record Query(String label, String words) {}

    void run(int messages, int searches) throws Exception {
        seed(messages);
        List<Query> queries = List.of(
                new Query("the 2nd most common word (in ~40% of messages)", "w2"),
                new Query("a common word (10th, ~10%)", "w10"),
                new Query("a word of the 100th rank (~1%)", "w100"),
                new Query("a rare word (1 000th, ~0.1%)", "w1000"),
                new Query("a very rare word (10 000th)", "w10000"),
                new Query("two words (10th and 100th)", "w10 w100"),
                new Query("a phrase of two common words", "\\\"w3 w4\\\""));
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        Client client = bench.connectWithToken(0, TestTokens.forUser(SEARCHER).sign(), bench.product(0), answers::add)
                .get(30, TimeUnit.SECONDS);
        answers.poll(5, TimeUnit.SECONDS);
        Stats everything = new Stats();
        for (Query query : queries) {
            String request = "{\"type\":\"search\",\"query\":\"" + query.words() + "\",\"limit\":20,\"ref\":\"s\"}";
            for (int i = 0; i < 5; i++) {
                ask(client, answers, request); // the first reads bring the index's pages into memory
            }
            List<Round> rounds = new ArrayList<>();
            for (int round = 0; round < bench.repeat; round++) {
                Stats stats = new Stats();
                for (int i = 0; i < searches; i++) {
                    long took = ask(client, answers, request);
                    stats.add(took);
                    everything.add(took);
                }
                rounds.add(new Round(0, stats));
            }
            bench.report(
                    "search",
                    query.label() + ", " + messages + " messages",
                    String.format(
                            "%s (medians of %d rounds of %d searches)",
                            Round.latencies(rounds), rounds.size(), searches));
        }
        bench.report("search", "all of the above together, " + messages + " messages", everything.summary());
        client.abort();
    }

    /** Sends one search and waits for its answer: the time it took, in microseconds. */
    private static long ask(Client client, BlockingQueue<String> answers, String request) throws InterruptedException {
        answers.clear();
        long started = System.nanoTime();
        client.send(request);
        String answer;
        do {
            answer = answers.poll(30, TimeUnit.SECONDS);
        } while (answer != null && !answer.contains("\"ref\":\"s\""));
        if (answer == null || !answer.contains("search_results")) {
            throw new IllegalStateException("no results for " + request + ": " + answer);
        }
        return (System.nanoTime() - started) / 1_000;
    }

    /**
     * Rooms, memberships and messages straight into the database, once per size. A word's rank is
     * drawn as e^(u ln V) for u uniform in [0, 1): the k-th word then comes about 1/k as often as
     * the first.
     */
    private void seed(int messages) throws Exception {
        String prefix = "search-" + messages + "-";
        try (Connection db = DriverManager.getConnection(bench.options.get("db"), "postgres", "");
                Statement sql = db.createStatement()) {
            if (single(sql, "select count(*) from rooms where name = '" + prefix + "0'") > 0) {
                return;
            }
            System.out.println("  seeding " + messages + " searchable messages in " + ROOMS + " rooms…");
            long started = System.nanoTime();
            sql.execute("insert into users (id, name) values ('" + SEARCHER + "', 'Search A'), ('" + AUTHOR
                    + "', 'Search B') on conflict do nothing");
            sql.execute("insert into rooms (name, is_private, created_by) select '" + prefix + "' || g, false, '"
                    + AUTHOR + "' from generate_series(0, " + (ROOMS - 1) + ") g order by g");
            long firstRoom = single(sql, "select id from rooms where name = '" + prefix + "0'");
            sql.execute("insert into room_members (room_id, user_id) select id, '" + SEARCHER
                    + "' from rooms where name like '" + prefix + "%' and id < " + (firstRoom + ROOMS_OF_SEARCHER));
            // The index is built once after the load, as the migration defines it: maintaining it
            // row by row would take far longer.
            String index;
            try (ResultSet definition = sql.executeQuery("select pg_get_indexdef('messages_search'::regclass)")) {
                definition.next();
                index = definition.getString(1);
            }
            sql.execute("drop index messages_search");
            sql.execute("insert into messages (from_user, room, content, \"timestamp\")"
                    + " select '" + AUTHOR + "', " + firstRoom + " + g % " + ROOMS + ","
                    + " (select string_agg('w' || floor(exp(random() * ln(" + VOCABULARY + ")))::int, ' ')"
                    + "  from generate_series(1, " + WORDS_PER_MESSAGE + " + g * 0)),"
                    + " now() - interval '1 second' * (" + messages + " - g)"
                    + " from generate_series(1, " + messages + ") g");
            sql.execute(index);
            sql.execute("vacuum analyze messages");
            System.out.printf("  seeded in %.0f s%n", (System.nanoTime() - started) / 1e9);
        } catch (SQLException e) {
            throw new IllegalStateException("seeding searchable messages failed", e);
        }
        bench.awaitServerCaughtUp();
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
