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
}
