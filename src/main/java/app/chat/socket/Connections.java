package app.chat.socket;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open connection, by user. A user may have several (tabs, devices); they are online while
 * at least one is open, and the others hear of it when the first opens and the last closes.
 */
@ApplicationScoped
public class Connections {

    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    /**
     * Presence is announced inside compute() so that a user's online and offline events reach
     * everyone in the order the connections actually opened and closed.
     */
    public void add(Connection connection) {
        String userId = connection.user().id();
        byUser.compute(userId, (id, open) -> {
            Set<Connection> connections = open != null ? open : ConcurrentHashMap.newKeySet();
            connections.add(connection);
            if (open == null) {
                sendToAllExcept(id, OutboundEvents.presence(id, true));
            }
            return connections;
        });
    }

    public void remove(Connection connection) {
        String userId = connection.user().id();
        byUser.computeIfPresent(userId, (id, open) -> {
            if (!open.remove(connection) || !open.isEmpty()) {
                return open;
            }
            sendToAllExcept(id, OutboundEvents.presence(id, false));
            return null;
        });
    }

    public boolean isOnline(String userId) {
        return byUser.containsKey(userId);
    }

    public void sendToUser(String userId, String frame) {
        Set<Connection> connections = byUser.get(userId);
        if (connections != null) {
            connections.forEach(connection -> connection.send(frame));
        }
    }

    private void sendToAllExcept(String userId, String frame) {
        byUser.forEach((id, connections) -> {
            if (!id.equals(userId)) {
                connections.forEach(connection -> connection.send(frame));
            }
        });
    }
}
