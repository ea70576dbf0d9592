package app.chat.rooms;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.users.KnownUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may do what in which room, with the rooms and their members held in memory for delivery.
 * Every change is written to the database first; the in-memory state follows once it committed.
 */
@ApplicationScoped
public class RoomDirectory {

    @Inject
    Rooms rooms;

    @Inject
    KnownUsers users;

    private final Map<String, RoomState> byName = new ConcurrentHashMap<>();
    private final Map<Long, RoomState> byId = new ConcurrentHashMap<>();

    /** Joins a room, creating it as a public room when nobody has used the name yet. */
    public RoomState join(String userId, String rawName) {
        String name = RoomName.canonical(rawName);
        RoomState room = find(name).orElse(null);
        if (room == null) {
            rooms.create(name, false, userId);
            room = reload(name);
        }
        if (room.isPrivate() && !room.hasMember(userId)) {
            throw forbidden(name);
        }
        if (!room.hasMember(userId)) {
            rooms.addMember(room.id(), userId);
            room.add(userId);
        }
        return room;
    }

    public RoomState leave(String userId, String rawName) {
        RoomState room = readable(userId, rawName);
        rooms.removeMember(room.id(), userId);
        room.remove(userId);
        return room;
    }

    public RoomState create(String userId, String rawName, boolean isPrivate) {
        String name = RoomName.canonical(rawName);
        if (!rooms.create(name, isPrivate, userId)) {
            throw new RequestRejected(ErrorCode.CONFLICT, "a room named " + name + " already exists");
        }
        return reload(name);
    }

    /** Adds someone to a room; only members may invite. */
    public RoomState invite(String userId, String rawName, String invitee) {
        RoomState room = memberOf(userId, rawName);
        if (!users.exists(invitee)) {
            throw new RequestRejected(ErrorCode.UNKNOWN_USER, "no user with id " + invitee + " is known here");
        }
        rooms.addMember(room.id(), invitee);
        room.add(invitee);
        return room;
    }

    /** The room, if the user may post in it: members only. */
    public RoomState memberOf(String userId, String rawName) {
        String name = RoomName.canonical(rawName);
        RoomState room = find(name).orElseThrow(() -> notFound(name));
        if (!room.hasMember(userId)) {
            throw room.isPrivate()
                    ? forbidden(name)
                    : new RequestRejected(ErrorCode.FORBIDDEN, "join " + name + " before posting in it");
        }
        return room;
    }

    /** The room, if the user may read it: anyone for a public room, members for a private one. */
    public RoomState readable(String userId, String rawName) {
        String name = RoomName.canonical(rawName);
        RoomState room = find(name).orElseThrow(() -> notFound(name));
        if (room.isPrivate() && !room.hasMember(userId)) {
            throw forbidden(name);
        }
        return room;
    }

    public Optional<RoomState> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<RoomListing> visibleTo(String userId) {
        return rooms.visibleTo(userId);
    }

    private Optional<RoomState> find(String name) {
        RoomState cached = byName.get(name);
        return cached != null ? Optional.of(cached) : Optional.ofNullable(load(name));
    }

    private RoomState reload(String name) {
        RoomState room = load(name);
        if (room == null) {
            throw new IllegalStateException("room " + name + " vanished right after it was created");
        }
        return room;
    }

    /**
     * Loading happens inside computeIfAbsent so that a member added while the room loads is applied
     * to the published state, never to a copy that is then replaced.
     */
    private RoomState load(String name) {
        return byName.computeIfAbsent(name, key -> rooms.find(key)
                .map(room -> {
                    RoomState state = new RoomState(room, rooms.memberIds(room.id()));
                    byId.put(state.id(), state);
                    return state;
                })
                .orElse(null));
    }

    private static RequestRejected notFound(String name) {
        return new RequestRejected(ErrorCode.NOT_FOUND, "there is no room named " + name);
    }

    private static RequestRejected forbidden(String name) {
        return new RequestRejected(ErrorCode.FORBIDDEN, name + " is private and you are not a member");
    }
}
