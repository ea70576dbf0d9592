package app.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final AuthenticatedUser ADA = new AuthenticatedUser("ada", "Ada", null, NOW.plusSeconds(600));

    private final AtomicInteger checks = new AtomicInteger();

    private VerifiedTokens at(Instant now) {
        return new VerifiedTokens(
                token -> {
                    checks.incrementAndGet();
                    if (!token.equals("good")) {
                        throw new TokenRejected("bad signature");
                    }
                    return ADA;
                },
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenThatVerifiedIsNotCheckedAgain() throws Exception {
        VerifiedTokens tokens = at(NOW);

        assertEquals(ADA, tokens.verify("good"));
        assertEquals(ADA, tokens.verify("good"));

        assertEquals(1, checks.get());
    }

    @Test
    void aRejectedTokenIsCheckedEveryTime() {
        VerifiedTokens tokens = at(NOW);

        assertThrows(TokenRejected.class, () -> tokens.verify("forged"));
        assertThrows(TokenRejected.class, () -> tokens.verify("forged"));

        assertEquals(2, checks.get());
    }

    @Test
    void aRememberedTokenIsCheckedAgainOnceItHasExpired() throws Exception {
        Instant[] now = {NOW};
        VerifiedTokens tokens = new VerifiedTokens(
                token -> {
                    checks.incrementAndGet();
                    if (now[0].isAfter(ADA.expiresAt())) {
                        throw new TokenRejected("token expired");
                    }
                    return ADA;
                },
                new Clock() {
                    @Override
                    public Instant instant() {
                        return now[0];
                    }

                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }
                });
        tokens.verify("good");

        now[0] = ADA.expiresAt().plus(Duration.ofSeconds(1));

        assertThrows(TokenRejected.class, () -> tokens.verify("good"));
        assertEquals(2, checks.get());
    }
}
