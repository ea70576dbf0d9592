package app.chat.bench;

import java.util.Arrays;
import java.util.List;

/** Latency samples in microseconds, reported as percentiles. */
final class Stats {

    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long micros) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = micros;
    }

    /** The samples of both, as one. */
    static Stats merged(Stats first, Stats second) {
        Stats all = new Stats();
        for (Stats part : List.of(first, second)) {
            synchronized (part) {
                for (int i = 0; i < part.count; i++) {
                    all.add(part.samples[i]);
                }
            }
        }
        return all;
    }

    synchronized int count() {
        return count;
    }

    /** The p-th percentile in milliseconds (p from 0 to 100). */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100 * count) - 1));
        return sorted[index] / 1000.0;
    }

    String summary() {
        return String.format(
                "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%d samples)",
                percentileMillis(50), percentileMillis(99), percentileMillis(99.9), count());
    }
}
