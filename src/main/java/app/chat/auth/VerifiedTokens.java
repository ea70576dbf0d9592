package app.chat.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers tokens that passed verification, so a reconnect, another tab or a whole reconnect storm
 * presenting the same token skips the signature check (the largest share of a handshake's own cost,
 * BENCHMARKS.md). Only successes are remembered, never for longer than the token itself is valid,
 * and for at most {@link #REMEMBERED_FOR}: the same time a removed signing key stays in the key cache.
 */
final class VerifiedTokens {

    static final int CAPACITY = 20_000;
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

    /** The real check: a signature and claims verification. */
    @FunctionalInterface
    interface Verification {
        AuthenticatedUser verify(String token) throws TokenRejected;
    }

    private final Verification verifier;
    private final Clock clock;
    private final Cache<String, AuthenticatedUser> verified = Caffeine.newBuilder()
            .maximumSize(CAPACITY)
            .expireAfterWrite(REMEMBERED_FOR)
            .build();

    VerifiedTokens(Verification verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    AuthenticatedUser verify(String token) throws TokenRejected {
        AuthenticatedUser known = token == null ? null : verified.getIfPresent(token);
        if (known != null && !clock.instant().isAfter(known.expiresAt())) {
            return known;
        }
        AuthenticatedUser user = verifier.verify(token);
        verified.put(token, user);
        return user;
    }
}
