package app.chat.rooms;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room as the running server knows it: what is stored, kept in memory so that delivering a message
 * costs no database round trip. Members are changed only after the database change committed.
 */
public final class RoomState {

    private final long id;
    private final String name;
    private final boolean isPrivate;
    private final Set<String> members = ConcurrentHashMap.newKeySet();

    RoomState(Room room, Iterable<String> memberIds) {
        this.id = room.id();
        this.name = room.name();
        this.isPrivate = room.isPrivate();
        memberIds.forEach(members::add);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    public boolean hasMember(String userId) {
        return members.contains(userId);
    }

    /** A live view: iterating it while members change is safe and sees each member at most once. */
    public Set<String> members() {
        return java.util.Collections.unmodifiableSet(members);
    }

    void add(String userId) {
        members.add(userId);
    }

    void remove(String userId) {
        members.remove(userId);
    }

    /** The members as the database holds them now: those still in stay, the others go or come. */
    void replaceMembers(Collection<String> current) {
        members.retainAll(Set.copyOf(current));
        members.addAll(current);
    }
}
