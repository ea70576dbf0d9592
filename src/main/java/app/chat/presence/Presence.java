package app.chat.presence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * Who is online: anyone with at least one open connection on any instance, and for a short grace
 * period after the last one closed, so that reloading a page does not flash a user offline and back.
 * This instance counts its own connections and tells the others through the {@link PresenceLedger};
 * what the others tell it arrives through {@link #arrived}, {@link #departed} and
 * {@link #instanceGone}. Changes of the whole picture are fired as {@link PresenceChanged} events,
 * in the order they happen.
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
    ManagedThreadFactory threads;

    /**
     * Grace periods, one timer task per departure. Its own executor on a managed thread rather than
     * the container's managed scheduler: that one captures the caller's context for every task, which
     * on Payara scans the class path (2 % of the server's CPU in a log-in wave, BENCHMARKS.md).
     */
    private ScheduledThreadPoolExecutor graceTimer;

    @Inject
    PresenceLedger ledger;

    private long graceMillis;

    // Open connections per user here, users in their grace period here, and the other instances
    // where each user is present. Changed under this object's lock, so that changes fire in the
    // order they happen; read without it, because every `watch` asks about up to 500 people while
    // a log-in wave holds the lock for each arrival (a convoy of hundreds of request threads on
    // two cores, BENCHMARKS.md). A user is in at least one of them from arrival until gone.
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> leaving = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> elsewhere = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        graceTimer = new ScheduledThreadPoolExecutor(1, threads);
        graceTimer.setRemoveOnCancelPolicy(true);
        graceMillis =
                config.getOptionalValue("chat.presence.grace-ms", Long.class).orElse(DEFAULT_GRACE_MILLIS);
    }

    public synchronized void connected(String user) {
        int open = connections.merge(user, 1, Integer::sum);
        ScheduledFuture<?> pending = leaving.remove(user);
        if (pending != null) {
            pending.cancel(false);
        } else if (open == 1) {
            ledger.here(user, true);
            if (!elsewhere.containsKey(user)) {
                changes.fire(new PresenceChanged(user, true));
            }
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
        if (graceMillis <= 0) {
            connections.remove(user);
            goneFromHere(user);
        } else {
            // In its grace period before it leaves the open connections: a reader never finds it in neither.
            leaving.put(user, graceTimer.schedule(() -> graceOver(user), graceMillis, TimeUnit.MILLISECONDS));
            connections.remove(user);
        }
    }

    private synchronized void graceOver(String user) {
        if (leaving.remove(user) != null && !connections.containsKey(user)) {
            goneFromHere(user);
        }
    }

    private void goneFromHere(String user) {
        ledger.here(user, false);
        if (!elsewhere.containsKey(user)) {
            changes.fire(new PresenceChanged(user, false));
        }
    }

    /** Everyone present on this instance (connected, or in their grace period). */
    public synchronized List<String> presentHere() {
        Set<String> here = new HashSet<>(connections.keySet());
        here.addAll(leaving.keySet());
        return List.copyOf(here);
    }

    /** Another instance says the user is present there. */
    public synchronized void arrived(String instance, String user) {
        boolean wasOnline = isOnline(user);
        elsewhere.computeIfAbsent(user, u -> new HashSet<>()).add(instance);
        if (!wasOnline) {
            changes.fire(new PresenceChanged(user, true));
        }
    }

    /** Another instance says the user is no longer present there (after its grace period). */
    public synchronized void departed(String instance, String user) {
        Set<String> instances = elsewhere.get(user);
        if (instances == null || !instances.remove(instance)) {
            return;
        }
        if (instances.isEmpty()) {
            elsewhere.remove(user);
            if (!isOnline(user)) {
                changes.fire(new PresenceChanged(user, false));
            }
        }
    }

    /** Another instance stopped or was found dead: nobody is present there any more. */
    public synchronized void instanceGone(String instance) {
        List<String> there = elsewhere.entrySet().stream()
                .filter(entry -> entry.getValue().contains(instance))
                .map(Map.Entry::getKey)
                .toList();
        there.forEach(user -> departed(instance, user));
    }

    /**
     * The other instances' presence as the database has it now (user to instances), replacing what
     * this instance believed: after its listener missed notifications.
     */
    public synchronized void replaceElsewhere(Map<String, Set<String>> present) {
        Set<String> users = new HashSet<>(elsewhere.keySet());
        users.addAll(present.keySet());
        for (String user : users) {
            boolean wasOnline = isOnline(user);
            Set<String> instances = present.get(user);
            if (instances == null || instances.isEmpty()) {
                elsewhere.remove(user);
            } else {
                elsewhere.put(user, new HashSet<>(instances));
            }
            boolean online = isOnline(user);
            if (online != wasOnline) {
                changes.fire(new PresenceChanged(user, online));
            }
        }
    }

    /** Grace periods end with the application: their tasks would run after it is gone. */
    @PreDestroy
    synchronized void stop() {
        leaving.values().forEach(pending -> pending.cancel(false));
        leaving.clear();
        graceTimer.shutdownNow();
    }

    /** How many of these people are online, in one look. */
    public int countOnline(Collection<String> users) {
        int online = 0;
        for (String user : users) {
            if (isOnline(user)) {
                online++;
            }
        }
        return online;
    }

    public boolean isOnline(String user) {
        return connections.containsKey(user) || leaving.containsKey(user) || elsewhere.containsKey(user);
    }
}
