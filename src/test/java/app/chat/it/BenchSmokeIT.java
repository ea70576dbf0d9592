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
 * Keeps the benchmark harness working: every scenario at a tiny size against a real server. Its
 * figures mean nothing; bench/run produces the real ones.
 */
class BenchSmokeIT {

    @Test
    void everyScenarioRunsAndReportsItsFigures() throws Exception {
        // As bench/run does: the load generator sends far beyond any person's allowance.
        try (ServerProcess server = ServerProcess.start(Map.of(
                "CHAT_RATE_READS_PER_SECOND",
                "0",
                "CHAT_RATE_JOINS_PER_MINUTE",
                "0",
                "CHAT_RATE_ROOMS_CREATED_PER_HOUR",
                "0",
                "CHAT_LIMIT_ROOMS_PER_USER",
                "0"))) {
            String url =
                    server.webSocket().toString().replaceFirst("^ws", "http").replaceFirst("ws$", "");
            List<String> rows =
                    Bench.run("--url", url, "--scale", "smoke", "--db", System.getProperty("chat.test.db-url"));
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
}
