package app.chat.socket;

import app.chat.presence.PresenceChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Who hears of whose presence: each connection watches the people it shows (a sidebar, a member
 * list, search results) and gets presence events for them alone, so a change costs one frame per
 * watcher, not one per open connection. Subscriptions belong to a connection and end with it.
 */
@ApplicationScoped
public class PresenceSubscriptions {

    /** More than a screen holds: a client watches what it shows, not the directory. */
    public static final int MAX_WATCHED = 500;

    @Inject
    MetricRegistry metrics;

    /** Person to the connections watching them. */
    private final Map<String, Set<Connection>> watchers = new ConcurrentHashMap<>();
    /** Connection to the people it watches: what {@link #watch} replaces and {@link #forget} ends. */
    private final Map<Connection, Set<String>> watched = new ConcurrentHashMap<>();

    private Counter presenceFrames;

    @PostConstruct
    void measured() {
        presenceFrames = metrics.counter(Metadata.builder()
                .withName("chat.presence.frames")
                .withDescription("Presence events queued to connections")
                .build());
    }

    /** From now on the connection watches exactly these people (none: it watches nobody). */
    public void watch(Connection connection, Set<String> people) {
        Set<String> now = Set.copyOf(people);
        // One replacement per connection at a time: its requests are handled one after the other.
        Set<String> before = now.isEmpty() ? watched.remove(connection) : watched.put(connection, now);
        Set<String> previous = before == null ? Set.of() : before;
        for (String person : previous) {
            if (!now.contains(person)) {
                unwatch(connection, person);
            }
        }
        for (String person : now) {
            if (!previous.contains(person)) {
                // Inside compute: an unwatch of someone else may be dropping the same set right now.
                watchers.compute(person, (p, connections) -> {
                    Set<Connection> those = connections != null ? connections : ConcurrentHashMap.newKeySet();
                    those.add(connection);
                    return those;
                });
            }
        }
    }

    /** The connection closed. Safe to call more than once. */
    public void forget(Connection connection) {
        Set<String> people = watched.remove(connection);
        if (people != null) {
            people.forEach(person -> unwatch(connection, person));
        }
    }

    private void unwatch(Connection connection, String person) {
        watchers.computeIfPresent(person, (p, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    void announce(@Observes PresenceChanged change) {
        Set<Connection> connections = watchers.get(change.user());
        if (connections == null) {
            return;
        }
        String frame = OutboundEvents.presence(change.user(), change.online());
        int sent = 0;
        for (Connection connection : connections) {
            if (!connection.user().id().equals(change.user())) {
                connection.send(frame);
                sent++;
            }
        }
        presenceFrames.inc(sent);
    }
}
