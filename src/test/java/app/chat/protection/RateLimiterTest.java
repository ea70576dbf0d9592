package app.chat.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(SECOND);

    @Test
    void allowsTheBurstThenRefuses() {
        RateLimiter limiter = new RateLimiter(2, 3, now::get);
        assertTrue(limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("alice"));
        assertFalse(limiter.tryAcquire("alice"));
    }

    @Test
    void refillsAtTheSteadyRate() {
        RateLimiter limiter = new RateLimiter(2, 1, now::get);
        assertTrue(limiter.tryAcquire("alice"));
        assertFalse(limiter.tryAcquire("alice"));
        now.addAndGet(SECOND / 4);
        assertFalse(limiter.tryAcquire("alice"), "a quarter second gives half a token");
        now.addAndGet(SECOND / 4);
        assertTrue(limiter.tryAcquire("alice"));
    }

    @Test
    void neverSavesUpMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 2, now::get);
        now.addAndGet(60 * SECOND);
        assertTrue(limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("alice"));
        assertFalse(limiter.tryAcquire("alice"));
    }

    @Test
    void keysHaveSeparateAllowances() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);
        assertTrue(limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("bob"));
        assertFalse(limiter.tryAcquire("alice"));
    }

    @Test
    void aRateOfZeroTurnsTheLimitOff() {
        RateLimiter limiter = new RateLimiter(0, 0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.tryAcquire("alice"));
        }
    }

    @Test
    void aBurstOfZeroTurnsTheLimitOffToo() {
        RateLimiter limiter = new RateLimiter(10, 0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.tryAcquire("alice"));
        }
    }

    @Test
    void aSpentAllowanceIsRefusedWithTheTimeUntilTheNextToken() {
        RateLimiter limiter = new RateLimiter(4, 1, now::get);
        limiter.acquire("alice", "slow down");
        RateLimited refused = org.junit.jupiter.api.Assertions.assertThrows(
                RateLimited.class, () -> limiter.acquire("alice", "slow down"));
        assertEquals(java.time.Duration.ofMillis(250), refused.retryAfter());
        assertEquals("slow down", refused.getMessage());
        now.addAndGet(250_000_000);
        limiter.acquire("alice", "slow down");
    }

    @Test
    void forgettingIdleKeysDoesNotGrantExtraAllowance() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);
        assertTrue(limiter.tryAcquire("alice"));
        limiter.forgetIdle();
        assertFalse(limiter.tryAcquire("alice"), "a key still refilling is kept");
    }
}
