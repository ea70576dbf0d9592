package app.chat.protection;

import app.chat.logging.RefusalLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Every protective limit, read once from MicroProfile Config (environment variables override:
 * {@code chat.rate.burst} ← {@code CHAT_RATE_BURST}). A value of 0 turns a limit off. The keys and
 * their reasons are listed in docs/configuration.md.
 */
@ApplicationScoped
public class Limits {

    @Inject
    Config config;

    @Inject
    MetricRegistry metrics;

    @Inject
    RefusalLog refusalLog;

    /** Four history pages of the largest size fit; a reading client holds a few kilobytes. */
    static final long DEFAULT_QUEUE_BYTES_PER_CONNECTION = 4L * 1024 * 1024;
    /** The largest single event (a history page, see MAX_PAGE_BYTES) must fit. */
    public static final long MIN_QUEUE_BYTES_PER_CONNECTION = 256 * 1024;

    /** Rooms one person may have created and still belong to; squatting names is bounded by it. */
    static final int DEFAULT_ROOMS_PER_USER = 50;

    private RateLimiter messages;
    private RateLimiter typing;
    private RateLimiter handshakes;
    private final Map<Budget, RateLimiter> budgets = new EnumMap<>(Budget.class);
    private int connectionsPerUser;
    private int roomsPerUser;
    private long queueBytesPerConnection;
    private long outboundBytes;

    @PostConstruct
    void read() {
        double messagesPerSecond = number("chat.rate.messages-per-second", 10);
        messages = new RateLimiter(
                messagesPerSecond, number("chat.rate.burst", 30), System::nanoTime, refusals("messages"));
        typing = new RateLimiter(
                number("chat.rate.typing-per-second", 2),
                number("chat.rate.typing-burst", 5),
                System::nanoTime,
                refusals("typing"));
        double handshakesPerSecond = number("chat.limit.handshakes-per-second", 20);
        handshakes = new RateLimiter(
                handshakesPerSecond, Math.max(handshakesPerSecond * 2, 1), System::nanoTime, refusals("handshakes"));
        connectionsPerUser = (int) number("chat.limit.connections-per-user", 16);
        roomsPerUser = (int) number("chat.limit.rooms-per-user", DEFAULT_ROOMS_PER_USER);
        queueBytesPerConnection =
                (long) number("chat.limit.queue-bytes-per-connection", DEFAULT_QUEUE_BYTES_PER_CONNECTION);
        outboundBytes =
                (long) number("chat.limit.outbound-bytes", Runtime.getRuntime().maxMemory() / 4.0);
        if (queueBytesPerConnection > 0 && queueBytesPerConnection < MIN_QUEUE_BYTES_PER_CONNECTION) {
            throw new IllegalArgumentException("chat.limit.queue-bytes-per-connection must be 0 or at least "
                    + MIN_QUEUE_BYTES_PER_CONNECTION + ": one history page or replayed message must fit");
        }
        for (Budget budget : Budget.values()) {
            double rate = budget.perSecond(number(budget.rateKey(), budget.defaultRate()));
            budgets.put(
                    budget,
                    new RateLimiter(
                            rate,
                            number(budget.burstKey(), budget.defaultBurst()),
                            System::nanoTime,
                            refusals(budget.name().toLowerCase(Locale.ROOT))));
        }
    }

    /**
     * Counts the refusals of one limit (chat_requests_refused_total{limit="reads"} and so on) and
     * adds those of people to the log's summary; handshakes are summed up by the handshake filter.
     */
    private Consumer<String> refusals(String limit) {
        Counter refused = metrics.counter(
                Metadata.builder()
                        .withName("chat.requests.refused")
                        .withDescription("Requests and handshakes refused by a rate limit, by limit")
                        .build(),
                new Tag("limit", limit));
        boolean byPerson = !limit.equals("handshakes");
        return key -> {
            refused.inc();
            if (byPerson) {
                refusalLog.requestRefused(limit, key);
            }
        };
    }

    private double number(String key, double fallback) {
        double value = config.getOptionalValue(key, Double.class).orElse(fallback);
        if (value < 0) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
        return value;
    }

    /** Messages and direct messages a user may send: a burst, then a steady rate. */
    public RateLimiter messages() {
        return messages;
    }

    /**
     * Spends one of the user's sends, or refuses with the time to wait: messages, and the changes to
     * messages (edits, deletions, reactions), which are delivered like messages.
     */
    public void spendSend(String userId) {
        messages.acquire(userId, "slow down: at most " + messages.perSecond() + " messages per second");
    }

    /** Typing notices a user may send; the excess is dropped. */
    public RateLimiter typing() {
        return typing;
    }

    /** WebSocket handshakes per remote address. */
    public RateLimiter handshakes() {
        return handshakes;
    }

    /**
     * Spends one request of the class from the user's allowance.
     *
     * @throws RateLimited when it is spent, with the time until the next one
     */
    public void spend(Budget budget, String userId) {
        budgets.get(budget)
                .acquire(
                        userId,
                        switch (budget) {
                            case REQUESTS -> "too many requests: slow down";
                            case READS -> "too many history, listing or resume requests: slow down";
                            case MEMBERSHIP -> "too many joins and leaves: slow down";
                            case ROOM_CREATION -> "too many rooms created: try again later";
                            case INVITATIONS -> "too many invitations: slow down";
                        });
    }

    /** Rooms one user may have created and still belong to; 0 means no limit. */
    public int roomsPerUser() {
        return roomsPerUser;
    }

    /** Outbound text one connection may have queued, in bytes (characters of JSON); 0: no bound. */
    public long queueBytesPerConnection() {
        return queueBytesPerConnection;
    }

    /** Outbound text all connections together may have queued; 0: no bound. */
    public long outboundBytes() {
        return outboundBytes;
    }

    /** Open connections one user may hold at once; 0 means no limit. */
    public int connectionsPerUser() {
        return connectionsPerUser;
    }

    public void forgetIdle() {
        messages.forgetIdle();
        typing.forgetIdle();
        handshakes.forgetIdle();
        budgets.values().forEach(RateLimiter::forgetIdle);
    }
}
