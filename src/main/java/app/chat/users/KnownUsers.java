package app.chat.users;

import app.chat.auth.AuthenticatedUser;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.InboundFrame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users this instance has recorded, so that a reconnecting user costs no database write: a
 * user is written when first seen here, when their display name or e-mail address changes, and at most once per
 * {@link #REFRESH} to keep {@code last_seen_at} meaningful. Users never disappear, so a user known
 * here needs no lookup either.
 */
@ApplicationScoped
public class KnownUsers {

    /** How stale users.last_seen_at may get for a user who keeps reconnecting. */
    static final Duration REFRESH = Duration.ofMinutes(5);

    private record Recorded(String name, String email, long atNanos) {}

    @Inject
    Users users;

    private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();

    /** Makes sure the database holds the user with this display name. */
    public void record(AuthenticatedUser user) {
        long now = System.nanoTime();
        Recorded known = recorded.get(user.id());
        if (known != null
                && known.name().equals(user.displayName())
                && Objects.equals(known.email(), user.email())
                && now - known.atNanos() < REFRESH.toNanos()) {
            return;
        }
        users.record(user);
        recorded.put(user.id(), new Recorded(user.displayName(), user.email(), now));
    }

    public boolean exists(String id) {
        return recorded.containsKey(id) || users.exists(id);
    }

    /** Refuses a request that names someone this server has never seen. */
    public void require(String id) {
        if (!exists(id)) {
            throw new RequestRejected(
                    ErrorCode.UNKNOWN_USER, "no user with id " + InboundFrame.abbreviated(id) + " is known here");
        }
    }
}
