package app.chat.rooms;

import app.chat.feed.Announcement;
import app.chat.feed.FeedListening;
import app.chat.protection.Budget;
import app.chat.protection.Limits;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.schema.ChangeChannels;
import app.chat.schema.ThisInstance;
import app.chat.users.KnownUsers;
import app.chat.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
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

    @Inject
    Limits limits;

    @Inject
    ThisInstance instance;

    @Inject
    Event<Invited> invitations;

    private final Map<String, RoomState> byName = new ConcurrentHashMap<>();
    private final Map<Long, RoomState> byId = new ConcurrentHashMap<>();

    /** Joins a room, creating it as a public room when nobody has used the name yet. */
    public RoomState join(String userId, String rawName) {
        String name = RoomName.canonical(rawName);
        RoomState room = find(name).orElse(null);
        if (room == null) {
            requireCreationAllowed(userId);
            rooms.create(name, false, userId);
            room = reload(name);
        }
        if (room.isPrivate() && !room.hasMember(userId)) {
            throw notFound(name);
        }
        if (!room.hasMember(userId)) {
            rooms.addMember(room.id(), room.name(), userId, null);
            room.add(userId);
        }
        return room;
    }

    public RoomState leave(String userId, String rawName) {
        RoomState room = readable(userId, rawName);
        rooms.removeMember(room.id(), room.name(), userId);
        room.remove(userId);
        return room;
    }

    public RoomState create(String userId, String rawName, boolean isPrivate) {
        String name = RoomName.canonical(rawName);
        requireCreationAllowed(userId);
        if (!rooms.create(name, isPrivate, userId)) {
            throw new RequestRejected(ErrorCode.CONFLICT, "a room named " + name + " already exists");
        }
        return reload(name);
    }

    /** What an invitation did: a member already in the room was not invited again. */
    public record Invitation(RoomState room, boolean added) {}

    /** Adds someone to a room; only members may invite, and inviting a member changes nothing. */
    public Invitation invite(String userId, String rawName, String invitee) {
        RoomState room = memberOf(userId, rawName);
        if (room.hasMember(invitee)) {
            return new Invitation(room, false);
        }
        if (!users.exists(invitee)) {
            throw new RequestRejected(ErrorCode.UNKNOWN_USER, "no user with id " + invitee + " is known here");
        }
        rooms.addMember(room.id(), room.name(), invitee, userId);
        room.add(invitee);
        invitations.fire(new Invited(room, invitee, userId));
        return new Invitation(room, true);
    }

    /**
     * Room creation is rate limited and bounded per person (rooms they created and still belong
     * to), so one account cannot fill the directory or squat names by the thousand.
     */
    private void requireCreationAllowed(String userId) {
        limits.spend(Budget.ROOM_CREATION, userId);
        int quota = limits.roomsPerUser();
        if (quota > 0 && rooms.createdAndKeptBy(userId) >= quota) {
            throw new RequestRejected(
                    ErrorCode.QUOTA_EXCEEDED,
                    "you already created " + quota
                            + " rooms that you still belong to: leave one you created to create another");
        }
    }

    /** The room, if the user may post in it: members only. */
    public RoomState memberOf(String userId, String rawName) {
        String name = RoomName.canonical(rawName);
        RoomState room = find(name).orElseThrow(() -> notFound(name));
        if (!room.hasMember(userId)) {
            throw room.isPrivate()
                    ? notFound(name)
                    : new RequestRejected(ErrorCode.FORBIDDEN, "join " + name + " before posting in it");
        }
        return room;
    }

    /** The room, if the user may read it: anyone for a public room, members for a private one. */
    public RoomState readable(String userId, String rawName) {
        String name = RoomName.canonical(rawName);
        RoomState room = find(name).orElseThrow(() -> notFound(name));
        if (room.isPrivate() && !room.hasMember(userId)) {
            throw notFound(name);
        }
        return room;
    }

    /**
     * A page of the members of a room the user may read, by name: {@code limit} of them after the
     * member with id {@code after} (the previous page's {@code next}).
     */
    public MemberPage members(String userId, String rawName, Optional<String> after, int limit) {
        RoomState room = readable(userId, rawName);
        if (after.isPresent() && !users.exists(after.get())) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"after\" must be the id of the last member of a page");
        }
        List<User> page = rooms.members(room.id(), after, limit + 1);
        List<User> shown = page.subList(0, Math.min(limit, page.size()));
        String next = page.size() > limit ? shown.get(shown.size() - 1).id() : null;
        return new MemberPage(room, shown, next);
    }

    /** The room with this (canonical) name, if there is one. */
    public Optional<RoomState> byName(String name) {
        return find(name);
    }

    /** The room with this id, loaded when this instance has not needed it yet (another one created it). */
    public Optional<RoomState> byId(long id) {
        RoomState cached = byId.get(id);
        return cached != null ? Optional.of(cached) : rooms.find(id).map(room -> load(room.name()));
    }

    /**
     * Applies a membership change any instance committed (this one's own too: applied again in
     * commit order, a change here and a later one elsewhere end in the state the database has), and
     * passes on invitations made elsewhere to whoever delivers them here (this instance's own were
     * passed on when made).
     */
    void follow(@Observes Announcement announcement) {
        if (!announcement.channel().equals(ChangeChannels.ROOMS)) {
            return;
        }
        RoomChange change = RoomChange.fromJson(announcement.payload());
        // Anyone who can connect to the database can NOTIFY: an announcement wakes this instance up,
        // it grants nothing. An addition counts once the database holds it, for the room id it names.
        if (change.added() && !rooms.isMember(change.roomId(), change.user())) {
            return;
        }
        // On the map itself: a load of this room in progress (which may have read the members
        // before this change committed) finishes first, and the change then applies to what it
        // published. A room nobody loaded yet reads the change from the database when it is.
        byName.computeIfPresent(change.roomName(), (name, room) -> {
            if (room.id() != change.roomId()) {
                return room; // a name that does not go with the id: not a change this room made
            }
            if (change.added()) {
                room.add(change.user());
            } else {
                room.remove(change.user());
            }
            return room;
        });
        if (change.isInvitation() && !change.instance().equals(instance.id())) {
            byId(change.roomId())
                    .ifPresent(invited -> invitations.fire(new Invited(invited, change.user(), change.by())));
        }
    }

    /**
     * Once the feed listens again after its connection was lost (and when it first listens),
     * membership changes announced in between were missed: every room held here takes its members
     * from the database again. On the map itself, as {@link #follow} applies a change: one announced
     * meanwhile applies after this, in commit order, and ends in the database's state.
     */
    void resync(@Observes FeedListening listening) {
        for (String name : List.copyOf(byName.keySet())) {
            byName.computeIfPresent(name, (key, room) -> {
                room.replaceMembers(rooms.memberIds(room.id()));
                return room;
            });
        }
    }

    /** Someone was invited into a room, here or on another instance: their connections here hear of it. */
    public record Invited(RoomState room, String user, String by) {}

    /** One page of the rooms the user can see (or belongs to), by name. */
    public RoomPage list(String userId, RoomQuery query) {
        List<RoomListing> found = query.memberOnly()
                ? rooms.memberships(userId, query, query.limit() + 1)
                : rooms.visibleTo(userId, query, query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new RoomPage(found, null);
        }
        List<RoomListing> page = found.subList(0, query.limit());
        return new RoomPage(page, page.get(page.size() - 1).name());
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
        return byName.computeIfAbsent(
                name,
                key -> rooms.find(key)
                        .map(room -> {
                            RoomState state = new RoomState(room, rooms.memberIds(room.id()));
                            byId.put(state.id(), state);
                            return state;
                        })
                        .orElse(null));
    }

    /**
     * Also the answer about a private room to someone who is not in it, word for word: nobody learns
     * from it whether a private room of that name exists.
     */
    private static RequestRejected notFound(String name) {
        return new RequestRejected(ErrorCode.NOT_FOUND, "there is no room named " + name);
    }
}
