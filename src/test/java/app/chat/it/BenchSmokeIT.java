package app.chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.bench.Bench;
import app.chat.testsupport.ServerProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harness working: every scenario at a tiny size against a real server, and the
 * fanout and durable scenarios against two instances on one database (bench/run --instances). Its
 * figures mean nothing; bench/run produces the real ones.
 */
class BenchSmokeIT {

    /** As bench/run does: the load generator sends far beyond any person's allowance. */
    private static final Map<String, String> NO_LIMITS = Map.of(
            "CHAT_RATE_READS_PER_SECOND",
            "0",
            "CHAT_RATE_JOINS_PER_MINUTE",
            "0",
            "CHAT_RATE_ROOMS_CREATED_PER_HOUR",
            "0",
            "CHAT_LIMIT_ROOMS_PER_USER",
            "0");

    private static String url(ServerProcess server) {
        return server.webSocket().toString().replaceFirst("^ws", "http").replaceFirst("ws$", "");
    }

    @Test
    void everyScenarioRunsAndReportsItsFigures() throws Exception {
        try (ServerProcess server = ServerProcess.start(NO_LIMITS)) {
            List<String> rows =
                    Bench.run("--url", url(server), "--scale", "smoke", "--db", System.getProperty("chat.test.db-url"));
            System.out.println(String.join("\n", rows));
            for (String scenario : List.of(
                    "idle connections",
                    "fanout",
                    "durable throughput",
                    "durable, open loop",
                    "history",
                    "reconnect storm")) {
                assertTrue(
                        rows.stream().anyMatch(row -> row.startsWith("| " + scenario + " |")),
                        "no figures for " + scenario);
            }
            assertTrue(
                    rows.stream().anyMatch(row -> row.equals("| idle connections | connections held | 200 |")),
                    String.join("\n", rows));
            assertFalse(rows.stream().anyMatch(row -> row.contains("NaN")), "every latency figure has samples");
            assertFalse(
                    rows.stream().anyMatch(row -> row.contains("never acknowledged")),
                    "every message offered at a fixed rate is acknowledged");
            assertEquals(
                    4,
                    rows.stream().filter(row -> row.startsWith("| history |")).count());
        }
    }

    @Test
    void withTwoInstancesTheFanoutReportsTheMembersOfEachInstanceApart() throws Exception {
        try (ServerProcess first = ServerProcess.start(NO_LIMITS);
                ServerProcess second = ServerProcess.start(NO_LIMITS)) {
            List<String> rows = Bench.run(
                    "--url",
                    url(first) + "," + url(second),
                    "--scale",
                    "smoke",
                    "--only",
                    "fanout,durable",
                    "--db",
                    System.getProperty("chat.test.db-url"));
            System.out.println(String.join("\n", rows));
            String across = rows.stream()
                    .filter(row -> row.startsWith("| fanout across 2 instances |"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no cross-instance figures in " + rows));
            assertTrue(across.contains("members on the first: p50 "), across);
            assertTrue(across.contains("on the others: p50 "), across);
            assertFalse(across.contains("NaN"), "members on both instances received the messages: " + across);
            assertTrue(
                    rows.stream().anyMatch(row -> row.startsWith("| durable throughput |")),
                    "writers on both instances are acknowledged");
        }
    }
}
