package app.chat.testsupport;

import static app.chat.testsupport.ChatClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * What an abusive account costs everybody else: a second, well-behaved account posts in its own
 * room and measures how long each ack takes, first alone, then while the abuse runs. The abuse may
 * not move the bystander's 90th percentile beyond {@link #FACTOR} times what it was (plus a small
 * floor, since a quiet server's p90 is a millisecond or two and the abuser shares the two cores).
 */
public final class BystanderLatency {

    /** "Within a small factor": generous enough for a loaded 2-core CI machine, tight enough to catch a stall. */
    public static final double FACTOR = 5;

    public static final Duration FLOOR = Duration.ofMillis(50);
    private static final int SAMPLES = 30;
    /** Below the default send rate (10/s after a burst of 30), so the bystander never meets its own limit. */
    private static final Duration PACE = Duration.ofMillis(110);
    /** Below the default reads allowance (5/s after a burst of 40). */
    private static final Duration READS_PACE = Duration.ofMillis(250);

    private BystanderLatency() {}

    /** The bystander's ack latencies (p90, in ms) before and during the abuse. */
    public record Figures(double before, double during) {
        public String describe(String abuse) {
            return String.format("Bystander answer p90 before / during %s: %.1f ms / %.1f ms", abuse, before, during);
        }
    }

    /**
     * Runs {@code abuseStep} over and over on its own thread while the bystander measures, then
     * asserts the bound and prints the figures (BENCHMARKS.md collects them).
     *
     * @param abuseStep one round of abuse; returns false once the abuser has nothing more to do
     */
    public static Figures whileAbusing(ChatClient bystander, String room, String abuse, BooleanSupplier abuseStep) {
        bystander.join(room);
        int[] sent = new int[1];
        return whileAbusing(
                i -> {
                    JsonObject ack =
                            bystander.request(frame("message", "room", room, "content", "still here " + sent[0]++));
                    assertEquals("ack", ack.getString("type"), ack.toString());
                },
                PACE,
                abuse,
                abuseStep);
    }

    /**
     * The same for reads: the bystander looks people up in the directory (the {@code users} table
     * alone), paced within the reads allowance, while the abuse runs.
     */
    public static Figures whileAbusingReads(ChatClient bystander, String abuse, BooleanSupplier abuseStep) {
        return whileAbusing(
                i -> {
                    JsonObject found = bystander.request(frame("users", "query", "bystander"));
                    assertEquals("users", found.getString("type"), found.toString());
                },
                READS_PACE,
                abuse,
                abuseStep);
    }

    /** One request of the bystander's, asserting its answer; the argument counts them. */
    @FunctionalInterface
    private interface Probe {
        void run(int i);
    }

    private static Figures whileAbusing(Probe probe, Duration pace, String abuse, BooleanSupplier abuseStep) {
        measure(probe, pace, 5); // warm-up: the first answers pay for class loading and JIT
        double before = measure(probe, pace, SAMPLES);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread abuser = new Thread(
                () -> {
                    try {
                        while (!stop.get() && abuseStep.getAsBoolean()) {
                            Thread.onSpinWait();
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "abuser");
        abuser.start();
        double during;
        try {
            during = measure(probe, pace, SAMPLES);
        } finally {
            stop.set(true);
            try {
                abuser.join(ChatClient.WAIT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("the abuse itself failed", failure.get());
        }
        Figures figures = new Figures(before, during);
        System.out.println(figures.describe(abuse));
        assertTrue(
                during <= before * FACTOR + FLOOR.toMillis(),
                figures.describe(abuse) + ": more than " + FACTOR + "x (+" + FLOOR.toMillis()
                        + " ms) the latency before");
        return figures;
    }

    private static double measure(Probe probe, Duration pace, int samples) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            probe.run(i);
            millis.add((System.nanoTime() - started) / 1e6);
            try {
                Thread.sleep(pace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Collections.sort(millis);
        return millis.get((int) Math.ceil(samples * 0.9) - 1);
    }
}
