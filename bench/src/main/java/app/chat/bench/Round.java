package app.chat.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** One round of a repeated measurement: its throughput and its latency samples. */
record Round(double perSecond, Stats latency) {

    static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The median over the rounds of their p-th latency percentile, in milliseconds. */
    static double medianPercentile(List<Round> rounds, double p) {
        return median(rounds, round -> round.latency().percentileMillis(p));
    }

    /** p50, p99 and p99.9, each the median over the rounds. */
    static String latencies(List<Round> rounds) {
        return String.format(
                "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms",
                medianPercentile(rounds, 50), medianPercentile(rounds, 99), medianPercentile(rounds, 99.9));
    }
}
