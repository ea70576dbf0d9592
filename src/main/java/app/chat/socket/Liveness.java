package app.chat.socket;

import app.chat.protection.Limits;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps the connection registry truthful: pings connections that have been quiet, drops those that
 * stopped answering (a half-open TCP connection never closes by itself), and closes connections
 * whose token expired without being renewed.
 */
@ApplicationScoped
public class Liveness {

    private static final Logger LOG = Logger.getLogger(Liveness.class.getName());

    /** Below typical proxy and NAT idle timeouts (60 s and more), so pings also keep paths open. */
    static final long DEFAULT_PING_INTERVAL_SECONDS = 30;
    /** Expired tokens are found within this long. */
    static final Duration MAX_SWEEP_PERIOD = Duration.ofSeconds(5);
    /** Sent when a token expired without renewal; the client signs in again and reconnects. */
    public static final CloseReason TOKEN_EXPIRED = new CloseReason(CloseCodes.getCloseCode(4001), "token expired");

    static final CloseReason UNRESPONSIVE = new CloseReason(CloseCodes.GOING_AWAY, "no answer to pings");

    @Inject
    Connections connections;

    @Inject
    Limits limits;

    @Inject
    Config config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private long pingAfterNanos;
    private long deadAfterNanos;
    private ScheduledFuture<?> sweeps;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long interval = config.getOptionalValue("chat.ping.interval-seconds", Long.class)
                .orElse(DEFAULT_PING_INTERVAL_SECONDS);
        Duration ping = Duration.ofSeconds(Math.max(0, interval));
        pingAfterNanos = ping.toNanos() / 2;
        deadAfterNanos = ping.toNanos() * 2;
        long period = ping.isZero()
                ? MAX_SWEEP_PERIOD.toMillis()
                : Math.min(MAX_SWEEP_PERIOD.toMillis(), ping.toMillis() / 2);
        sweeps = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            Instant wallClock = Instant.now();
            for (Connection connection : connections.all()) {
                if (connection.isExpired(wallClock)) {
                    connection.close(TOKEN_EXPIRED);
                } else if (deadAfterNanos > 0 && connection.silentNanos(now) > deadAfterNanos) {
                    LOG.log(
                            Level.FINE,
                            "Dropping an unresponsive connection of user {0}",
                            connection.user().id());
                    connection.close(UNRESPONSIVE);
                } else if (pingAfterNanos > 0 && connection.silentNanos(now) > pingAfterNanos) {
                    connection.ping();
                }
            }
            limits.forgetIdle();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Connection sweep failed; the next one will try again", e);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }
}
