package app.chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.bench.Bench;
import app.chat.testsupport.EmptyDatabase;
import app.chat.testsupport.ServerProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Keeps the benchmark harness working: every scenario at a tiny size against a real server, and the
 * fanout and durable scenarios against two instances on one database (bench/run --instances). Its
 * figures mean nothing; bench/run produces the real ones. Runs beside the other test classes, on
 * servers and a database of its own, as bench/run does.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(3) // beside the others, the longest first (pom.xml)
class BenchSmokeIT {

    private static String database;

    /** As bench/run does: the load generator sends far beyond any person's allowance. */
    private static Map<String, String> noLimits() {
        return Map.of(
                "CHAT_DB_URL",
                database,
                "CHAT_RATE_READS_PER_SECOND",
                "0",
                "CHAT_RATE_JOINS_PER_MINUTE",
                "0",
                "CHAT_RATE_ROOMS_CREATED_PER_HOUR",
                "0",
                "CHAT_LIMIT_ROOMS_PER_USER",
                "0");
    }

    @BeforeAll
    static void ownDatabase() throws Exception {
        database = EmptyDatabase.create("chat_bench_smoke");
    }

    private static String url(ServerProcess server) {
        return server.webSocket().toString().replaceFirst("^ws", "http").replaceFirst("ws$", "");
    }

    @Test
    void everyScenarioRunsAndReportsItsFigures() throws Exception {
        try (ServerProcess server = ServerProcess.start(noLimits())) {
            List<String> rows = Bench.run("--url", url(server), "--scale", "smoke", "--db", database);
            System.out.println(String.join("\n", rows));
            for (String scenario : List.of(
                    "idle connections",
                    "fanout",
                    "durable throughput",
                    "durable, open loop",
                    "history",
                    "organisation (300 people)",
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
    @DisabledIfSystemProperty(
            named = "chat.test.server",
            matches = "liberty",
            disabledReason = "the harness spreads its connections the same way whatever the server; two"
                    + " instances of Open Liberty on one database are InstancesIT's, and CI's time is short")
    void withTwoInstancesTheFanoutReportsTheMembersOfEachInstanceApart() throws Exception {
        try (ServerProcess first = ServerProcess.start(noLimits());
                ServerProcess second = ServerProcess.start(noLimits())) {
            List<String> rows = Bench.run(
                    "--url",
                    url(first) + "," + url(second),
                    "--scale",
                    "smoke",
                    "--only",
                    "fanout,durable",
                    "--db",
                    database);
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
