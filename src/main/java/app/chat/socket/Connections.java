package app.chat.socket;

import app.chat.presence.Presence;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Every open connection, by user: a user may have several (tabs, devices). Presence is told of each
 * arrival and departure while the user's entry is locked, so it sees them in their true order.
 */
@ApplicationScoped
public class Connections {

    @Inject
    Presence presence;

    @Inject
    MetricRegistry metrics;

    @Inject
    PresenceSubscriptions subscriptions;

    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger openCount = new AtomicInteger();

    @PostConstruct
    void measured() {
        metrics.gauge(
                Metadata.builder()
                        .withName("chat.connections.open")
                        .withDescription("Open WebSocket connections on this instance")
                        .build(),
                openCount,
                AtomicInteger::get);
        metrics.gauge(
                Metadata.builder()
                        .withName("chat.users.connected")
                        .withDescription("People with at least one open connection on this instance")
                        .build(),
                byUser,
                Map::size);
    }

    /**
     * Registers the connection unless the user already holds {@code limit} (0: no limit).
     *
     * @return whether it was registered
     */
    public boolean add(Connection connection, int limit) {
        String userId = connection.user().id();
        boolean[] added = {false};
        byUser.compute(userId, (id, open) -> {
            Set<Connection> connections = open != null ? open : ConcurrentHashMap.newKeySet();
            if (limit > 0 && connections.size() >= limit) {
                return open;
            }
            connections.add(connection);
            openCount.incrementAndGet();
            presence.connected(id);
            added[0] = true;
            return connections;
        });
        return added[0];
    }

    /** Safe to call more than once for the same connection. */
    public void remove(Connection connection) {
        byUser.computeIfPresent(connection.user().id(), (id, connectionsOfUser) -> {
            if (connectionsOfUser.remove(connection)) {
                openCount.decrementAndGet();
                presence.disconnected(id);
            }
            return connectionsOfUser.isEmpty() ? null : connectionsOfUser;
        });
        subscriptions.forget(connection);
    }

    /** Whether the connection is registered (admitted and not closed since). */
    public boolean holds(Connection connection) {
        Set<Connection> connections = byUser.get(connection.user().id());
        return connections != null && connections.contains(connection);
    }

    public void sendToUser(String userId, String frame) {
        Set<Connection> connections = byUser.get(userId);
        if (connections != null) {
            connections.forEach(connection -> connection.send(frame));
        }
    }

    /**
     * Typing notices and the like: skipped for connections that are behind.
     *
     * @return to how many connections it was offered
     */
    public int sendDroppableToUser(String userId, String frame) {
        Set<Connection> connections = byUser.get(userId);
        if (connections == null) {
            return 0;
        }
        connections.forEach(connection -> connection.sendDroppable(frame));
        return connections.size();
    }

    /** A stored message, as a live event: held back on connections that are resuming. */
    public void deliverToUser(String userId, long messageId, String frame) {
        Set<Connection> connections = byUser.get(userId);
        if (connections != null) {
            connections.forEach(connection -> connection.deliver(messageId, frame));
        }
    }

    /** How many connections are open on this instance. */
    public int count() {
        return openCount.get();
    }

    public List<Connection> all() {
        List<Connection> all = new ArrayList<>();
        byUser.values().forEach(all::addAll);
        return all;
    }
}
