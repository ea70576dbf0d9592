package app.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The table of {@code bench/run --peer}: the product's headline figures beside the peer's (with and
 * without its database), each with the ratio product ÷ peer and whether the product is ahead.
 * Reads the {@code --figures} files of the runs.
 */
public final class SideBySide {

    /** One row: how to read it from a run's figures, its unit, and whether more is better. */
    private record Row(String name, Function<Map<String, Double>, Double> value, String format, boolean moreIsBetter) {}

    private static final List<Row> ROWS = List.of(
            new Row(
                    "fanout: deliveries per server core-second (50 msg/s x 1 000 members)",
                    figures -> 1e6 / figures.getOrDefault("fanout.cpu_us.50", Double.NaN),
                    "%.0f",
                    true),
            new Row(
                    "fanout: best rate with p99 ≤ 100 ms (deliveries/s)",
                    figures -> figures.getOrDefault("fanout.best", Double.NaN),
                    "%.0f",
                    true),
            new Row(
                    "fanout: p99 at 50 msg/s x 1 000 members (ms)",
                    figures -> figures.getOrDefault("fanout.p99.50", Double.NaN),
                    "%.1f",
                    false),
            new Row(
                    "fanout: highest deliveries/s (any latency)",
                    figures -> figures.getOrDefault("fanout.highest", Double.NaN),
                    "%.0f",
                    true),
            new Row(
                    "durable, closed loop: acknowledged messages/s",
                    figures -> figures.getOrDefault("durable.acks", Double.NaN),
                    "%.0f",
                    true),
            new Row(
                    "durable, closed loop: ack p99 (ms)",
                    figures -> figures.getOrDefault("durable.p99", Double.NaN),
                    "%.1f",
                    false),
            new Row(
                    "durable, closed loop: server CPU per ack (µs)",
                    figures -> figures.getOrDefault("durable.cpu_us", Double.NaN),
                    "%.1f",
                    false),
            new Row(
                    "durable, open loop: ack p99 at 4 000 msg/s offered (ms)",
                    figures -> figures.getOrDefault("offered.p99.4000", Double.NaN),
                    "%.1f",
                    false),
            new Row(
                    "durable, open loop: highest offered rate with ack p99 ≤ 50 ms (msg/s)",
                    figures -> figures.getOrDefault("offered.best", Double.NaN),
                    "%.0f",
                    true));

    private SideBySide() {}

    /** Arguments: the product's figures, the peer's with its database, the peer's without, the table to write. */
    public static void main(String[] args) throws IOException {
        Map<String, Double> product = read(Path.of(args[0]));
        Map<String, Double> peer = read(Path.of(args[1]));
        Map<String, Double> bare = read(Path.of(args[2]));
        StringBuilder table = new StringBuilder(
                "| figure | product | Node + PostgreSQL | Node, no database | product ÷ Node + PostgreSQL | product ahead |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Row row : ROWS) {
            double ours = row.value().apply(product);
            double theirs = row.value().apply(peer);
            double ratio = ours / theirs; // NaN or infinite when either is missing or none
            String ahead = Double.isNaN(ratio) || Double.isInfinite(ratio)
                    ? "—"
                    : (row.moreIsBetter() ? ours > theirs : ours < theirs) ? "yes" : "no";
            table.append("| ")
                    .append(row.name())
                    .append(" | ")
                    .append(shown(row.format(), ours))
                    .append(" | ")
                    .append(shown(row.format(), theirs))
                    .append(" | ")
                    .append(shown(row.format(), row.value().apply(bare)))
                    .append(" | ")
                    .append(shown("%.2f", ratio))
                    .append(" | ")
                    .append(ahead)
                    .append(" |\n");
        }
        System.out.print(table);
        Files.writeString(Path.of(args[3]), table);
    }

    private static String shown(String format, double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        if (value == 0 && format.equals("%.0f")) {
            return "none"; // a best rate of 0: no rate tried met the bound
        }
        return Double.isInfinite(value) ? "not all acknowledged" : String.format(format, value);
    }

    private static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> figures = new HashMap<>();
        if (!Files.exists(file)) {
            return figures;
        }
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                figures.put(line.substring(0, equals), Double.parseDouble(line.substring(equals + 1)));
            }
        }
        return figures;
    }
}
