package app.chat.protection;

/**
 * Allows bursts up to {@code capacity}, then a steady {@code perSecond}. Time is passed in, so the
 * bucket is deterministic to test.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double perSecond, double capacity, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until one token is there again; zero when one is there now. */
    public synchronized long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * 1_000_000_000d / perSecond);
    }

    /** Full and untouched for a while: forgetting it changes nothing. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perSecond / 1_000_000_000d);
            lastRefillNanos = nowNanos;
        }
    }
}
