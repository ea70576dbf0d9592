package app.chat.presence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * Who is online: anyone with at least one open connection, and for a short grace period after the
 * last one closed, so that reloading a page does not flash a user offline and back. Changes are
 * fired as {@link PresenceChanged} events, in the order they happen.
 */
@ApplicationScoped
public class Presence {

    /** Long enough for a page reload or a quick network switch, short enough to stay truthful. */
    static final long DEFAULT_GRACE_MILLIS = 3_000;

    @Inject
    Event<PresenceChanged> changes;

    @Inject
    Config config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private long graceMillis;

    // Both guarded by this: open connections per user, and users in their grace period.
    private final Map<String, Integer> connections = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> leaving = new HashMap<>();

    @PostConstruct
    void configure() {
        graceMillis =
                config.getOptionalValue("chat.presence.grace-ms", Long.class).orElse(DEFAULT_GRACE_MILLIS);
    }

    public synchronized void connected(String user) {
        int open = connections.merge(user, 1, Integer::sum);
        ScheduledFuture<?> pending = leaving.remove(user);
        if (pending != null) {
            pending.cancel(false);
        } else if (open == 1) {
            changes.fire(new PresenceChanged(user, true));
        }
    }

    public synchronized void disconnected(String user) {
        Integer open = connections.get(user);
        if (open == null) {
            return;
        }
        if (open > 1) {
            connections.put(user, open - 1);
            return;
        }
        connections.remove(user);
        if (graceMillis <= 0) {
            changes.fire(new PresenceChanged(user, false));
        } else {
            leaving.put(user, scheduler.schedule(() -> graceOver(user), graceMillis, TimeUnit.MILLISECONDS));
        }
    }

    private synchronized void graceOver(String user) {
        if (leaving.remove(user) != null && !connections.containsKey(user)) {
            changes.fire(new PresenceChanged(user, false));
        }
    }

    /** Grace periods end with the application: their tasks would run after it is gone. */
    @PreDestroy
    synchronized void stop() {
        leaving.values().forEach(pending -> pending.cancel(false));
        leaving.clear();
    }

    public synchronized boolean isOnline(String user) {
        return connections.containsKey(user) || leaving.containsKey(user);
    }
}
