package app.chat.protection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Every protective limit, read once from MicroProfile Config (environment variables override:
 * {@code chat.rate.burst} ← {@code CHAT_RATE_BURST}). A value of 0 turns a limit off. The keys and
 * their reasons are listed in docs/configuration.md.
 */
@ApplicationScoped
public class Limits {

    @Inject
    Config config;

    private RateLimiter messages;
    private RateLimiter typing;
    private RateLimiter handshakes;
    private int connectionsPerUser;

    @PostConstruct
    void read() {
        double messagesPerSecond = number("chat.rate.messages-per-second", 10);
        messages = new RateLimiter(messagesPerSecond, number("chat.rate.burst", 30), System::nanoTime);
        typing = new RateLimiter(number("chat.rate.typing-per-second", 2), number("chat.rate.typing-burst", 5), System::nanoTime);
        double handshakesPerSecond = number("chat.limit.handshakes-per-second", 20);
        handshakes = new RateLimiter(handshakesPerSecond, Math.max(handshakesPerSecond * 2, 1), System::nanoTime);
        connectionsPerUser = (int) number("chat.limit.connections-per-user", 16);
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

    /** Typing notices a user may send; the excess is dropped. */
    public RateLimiter typing() {
        return typing;
    }

    /** WebSocket handshakes per remote address. */
    public RateLimiter handshakes() {
        return handshakes;
    }

    /** Open connections one user may hold at once; 0 means no limit. */
    public int connectionsPerUser() {
        return connectionsPerUser;
    }

    public void forgetIdle() {
        messages.forgetIdle();
        typing.forgetIdle();
        handshakes.forgetIdle();
    }
}
