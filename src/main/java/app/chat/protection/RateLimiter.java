package app.chat.protection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** One token bucket per key (a user, an address). A rate or a burst of 0 turns the limit off. */
public final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier clock;
    private final Consumer<String> refused;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, double burst, LongSupplier nanoClock) {
        this(perSecond, burst, nanoClock, key -> {});
    }

    /** @param refused told of every refusal, with its key (a metric, the log's summary) */
    public RateLimiter(double perSecond, double burst, LongSupplier nanoClock, Consumer<String> refused) {
        this.perSecond = burst <= 0 ? 0 : perSecond;
        this.burst = Math.max(1, burst);
        this.clock = nanoClock;
        this.refused = refused;
    }

    public boolean isOff() {
        return perSecond <= 0;
    }

    public double perSecond() {
        return perSecond;
    }

    public boolean tryAcquire(String key) {
        if (isOff()) {
            return true;
        }
        long now = clock.getAsLong();
        boolean allowed = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now))
                .tryTake(now);
        if (!allowed) {
            refused.accept(key);
        }
        return allowed;
    }

    /**
     * Takes one token for the key, or says how long until there is one.
     *
     * @throws RateLimited when the key's allowance is spent
     */
    public void acquire(String key, String refusal) {
        if (isOff()) {
            return;
        }
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
        if (!bucket.tryTake(now)) {
            refused.accept(key);
            throw new RateLimited(refusal, Duration.ofNanos(Math.max(1_000_000, bucket.nanosUntilToken(now))));
        }
    }

    /** Drops buckets that have refilled completely, so keys seen once do not accumulate forever. */
    public void forgetIdle() {
        long now = clock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
}
