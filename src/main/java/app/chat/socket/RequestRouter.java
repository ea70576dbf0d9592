package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.auth.Authentication;
import app.chat.auth.TokenRejected;
import app.chat.presence.Presence;
import app.chat.protection.Budget;
import app.chat.protection.Limits;
import app.chat.protection.RateLimited;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.reads.ReadMarks;
import app.chat.reads.Unread;
import app.chat.requests.InboundFrame;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import app.chat.rooms.MemberPage;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomListing;
import app.chat.rooms.RoomPage;
import app.chat.rooms.RoomQuery;
import app.chat.rooms.RoomState;
import app.chat.schema.DatabaseOutages;
import app.chat.users.KnownUsers;
import app.chat.users.PeopleQuery;
import app.chat.users.User;
import app.chat.users.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Turns each client request into a call on the feature that owns it and the answer back into a
 * frame. Holds no rules of its own: those live in the rooms, messages and users packages.
 */
@ApplicationScoped
public class RequestRouter {

    private static final Logger LOG = Logger.getLogger(RequestRouter.class.getName());

    /** The people one talks with, most recent first: what a sidebar shows, not the directory. */
    static final int DEFAULT_CONVERSATIONS = 50;

    static final int MAX_CONVERSATIONS = 100;
    static final int DEFAULT_MEMBERS_PAGE = 50;
    static final int MAX_MEMBERS_PAGE = 100;

    /** What a request handler gets: who asked, on which connection, and what they sent. */
    private record Request(Connection connection, InboundFrame frame) implements app.chat.requests.Request {
        @Override
        public AuthenticatedUser sender() {
            return connection.user();
        }

        @Override
        public void reply(String event) {
            connection.send(event);
        }

        /** Only a request with a ref is told it succeeded: {@code ok} says nothing else. */
        @Override
        public void ok() {
            if (ref() != null) {
                reply(OutboundEvents.ok(ref()));
            }
        }

        @Override
        public void fail(RequestRejected reason) {
            reply(OutboundEvents.error(ref(), reason));
        }
    }

    @Inject
    TypingNotices typingNotices;

    @Inject
    RoomDirectory rooms;

    @Inject
    Users users;

    @Inject
    KnownUsers knownUsers;

    @Inject
    Connections connections;

    @Inject
    Presence presence;

    @Inject
    PresenceSubscriptions subscriptions;

    @Inject
    Limits limits;

    @Inject
    Authentication authentication;

    @Inject
    Resumption resumption;

    @Inject
    DatabaseOutages outages;

    @Inject
    ReadMarks readMarks;

    /** A request type: the budget it spends (null: only the per-frame one) and who handles it. */
    private record Route(Budget budget, BiConsumer<RequestRouter, Request> handler) {}

    private Map<String, Route> routes;

    /** The request types the features handle themselves (app.chat.requests). */
    @Inject
    @Any
    Instance<RequestTypes> features;

    @Inject
    MetricRegistry metrics;

    private Counter typingFrames;

    @PostConstruct
    void routes() {
        typingFrames = metrics.counter(Metadata.builder()
                .withName("chat.typing.frames")
                .withDescription("Typing notices offered to connections (one that is behind skips them)")
                .build());
        routes = Map.ofEntries(
                Map.entry("join", new Route(Budget.MEMBERSHIP, RequestRouter::join)),
                Map.entry("leave", new Route(Budget.MEMBERSHIP, RequestRouter::leave)),
                Map.entry("create_room", new Route(Budget.MEMBERSHIP, RequestRouter::createRoom)),
                Map.entry("invite", new Route(Budget.INVITATIONS, RequestRouter::invite)),
                Map.entry("rooms", new Route(Budget.READS, RequestRouter::listRooms)),
                Map.entry("users", new Route(Budget.READS, RequestRouter::listUsers)),
                Map.entry("watch", new Route(Budget.READS, RequestRouter::watchPresence)),
                Map.entry("members", new Route(Budget.READS, RequestRouter::listMembers)),
                Map.entry("resume", new Route(Budget.READS, RequestRouter::resume)),
                Map.entry("typing", new Route(null, RequestRouter::typing)),
                Map.entry("auth", new Route(null, RequestRouter::renewToken)));
        Map<String, Route> all = new HashMap<>(routes);
        for (RequestTypes feature : features) {
            for (RequestType type : feature.requestTypes()) {
                Route route = new Route(
                        type.budget(), (router, request) -> type.handler().accept(request));
                if (all.putIfAbsent(type.type(), route) != null) {
                    throw new IllegalStateException("two handlers for the request type " + type.type());
                }
            }
        }
        routes = Map.copyOf(all);
    }

    /**
     * Answers one frame. Allowances are spent before anything else is looked at, so a refused
     * request costs no database work; client mistakes are answered, never logged with a trace.
     */
    public void handle(Connection connection, String text) {
        String ref = null;
        try {
            InboundFrame frame = InboundFrame.parse(text);
            ref = frame.ref().orElse(null);
            limits.spend(Budget.REQUESTS, connection.user().id());
            String type = frame.type();
            Route route = routes.get(type);
            if (route == null) {
                throw new RequestRejected(
                        ErrorCode.BAD_REQUEST, "unknown request type \"" + InboundFrame.abbreviated(type) + "\"");
            }
            if (route.budget() != null) {
                limits.spend(route.budget(), connection.user().id());
            }
            route.handler().accept(this, new Request(connection, frame));
        } catch (InboundFrame.Unreadable unreadable) {
            connection.send(OutboundEvents.error(unreadable.ref().orElse(null), unreadable));
        } catch (RequestRejected rejected) {
            connection.send(OutboundEvents.error(ref, rejected));
        } catch (RuntimeException failure) {
            RequestRejected reason = RequestRejected.forFailure(failure);
            if (reason.code() == ErrorCode.UNAVAILABLE) {
                outages.unreachable(failure);
            } else {
                LOG.log(Level.WARNING, "A request of user " + connection.user().id() + " failed", failure);
            }
            connection.send(OutboundEvents.error(ref, reason));
        }
    }

    private void join(Request request) {
        RoomState room = rooms.join(request.user(), request.frame().requiredString("room"));
        request.reply(OutboundEvents.joined(request.ref(), room.name()));
    }

    private void leave(Request request) {
        RoomState room = rooms.leave(request.user(), request.frame().requiredString("room"));
        request.reply(OutboundEvents.left(request.ref(), room.name()));
    }

    private void createRoom(Request request) {
        InboundFrame frame = request.frame();
        RoomState room =
                rooms.create(request.user(), frame.requiredString("room"), frame.optionalBoolean("private", false));
        request.reply(OutboundEvents.roomCreated(request.ref(), room.name(), room.isPrivate()));
    }

    private void invite(Request request) {
        InboundFrame frame = request.frame();
        String invitee = frame.userId("user");
        RoomDirectory.Invitation invitation = rooms.invite(request.user(), frame.requiredString("room"), invitee);
        RoomState room = invitation.room();
        request.reply(OutboundEvents.invited(request.ref(), room, invitee, request.user(), !invitation.added()));
        if (invitation.added() && !invitee.equals(request.user())) {
            connections.sendToUser(invitee, OutboundEvents.invited(null, room, invitee, request.user(), false));
        }
    }

    /** The invitee's connections on this instance hear of an invitation made on another one. */
    void invitedElsewhere(@Observes RoomDirectory.Invited invitation) {
        if (!invitation.user().equals(invitation.by())) {
            connections.sendToUser(
                    invitation.user(),
                    OutboundEvents.invited(null, invitation.room(), invitation.user(), invitation.by(), false));
        }
    }

    private void resume(Request request) {
        long after = request.frame()
                .optionalLong("after", 0, Long.MAX_VALUE)
                .orElseThrow(() ->
                        new RequestRejected(ErrorCode.BAD_REQUEST, "\"after\" is required: the last id received"));
        Connection connection = request.connection();
        connection.hold();
        resumption.replay(connection, after, request.ref());
    }

    private void typing(Request request) {
        InboundFrame frame = request.frame();
        String frameRoom = frame.optionalString("room").orElse(null);
        String to = frameRoom == null ? frame.userId("to") : null;
        try {
            limits.typing().acquire(request.user(), "typing notices are sent too often");
        } catch (RateLimited refused) {
            if (request.ref() != null) {
                throw refused;
            }
            return;
        }
        RoomState room = frameRoom == null ? null : rooms.memberOf(request.user(), frameRoom);
        if (to != null) {
            knownUsers.require(to);
        }
        if (room != null) {
            typingFrames.inc(typingNotices.inRoom(room, request.user()));
        } else if (!to.equals(request.user())) {
            typingFrames.inc(typingNotices.direct(request.user(), to));
        }
        if (request.ref() != null) {
            request.reply(OutboundEvents.ok(request.ref()));
        }
    }

    /** A fresh token on an open connection: it must be valid and name the same user. */
    private void renewToken(Request request) {
        AuthenticatedUser renewed;
        try {
            renewed = authentication.verify(request.frame().requiredString("token"));
        } catch (TokenRejected e) {
            throw new RequestRejected(ErrorCode.UNAUTHORIZED, "the token is not valid: " + e.getMessage());
        }
        if (!renewed.id().equals(request.user())) {
            throw new RequestRejected(ErrorCode.FORBIDDEN, "a renewed token must belong to the same user");
        }
        request.connection().renew(renewed);
        request.reply(OutboundEvents.authenticated(request.ref(), renewed.expiresAt()));
    }

    private void listRooms(Request request) {
        InboundFrame frame = request.frame();
        RoomQuery query = new RoomQuery(
                frame.optionalBoolean("member", false),
                frame.optionalString("prefix").orElse(null),
                frame.optionalString("after").orElse(null),
                (int) frame.optionalLong("limit", 1, RoomQuery.MAX_LIMIT)
                        .orElse((long) RoomQuery.DEFAULT_LIMIT)
                        .longValue());
        RoomPage page = rooms.list(request.user(), query);
        request.reply(
                OutboundEvents.rooms(request.ref(), page, query.memberOnly() ? unreadIn(request, page) : Map.of()));
    }

    private void listUsers(Request request) {
        InboundFrame frame = request.frame();
        Optional<String> text = frame.optionalString("query");
        List<User> found;
        Integer next = null;
        if (text.isPresent()) {
            PeopleQuery query = new PeopleQuery(
                    text.get(),
                    frame.optionalLong("limit", 1, PeopleQuery.MAX_LIMIT)
                            .orElse((long) PeopleQuery.DEFAULT_LIMIT)
                            .intValue(),
                    frame.optionalLong("offset", 0, PeopleQuery.MAX_OFFSET)
                            .orElse(0L)
                            .intValue());
            found = users.search(query);
            // A full page may have more after it, unless the next would start past the bound.
            if (found.size() == query.limit() && query.offset() + query.limit() <= PeopleQuery.MAX_OFFSET) {
                next = query.offset() + query.limit();
            }
        } else {
            int limit = frame.optionalLong("limit", 1, MAX_CONVERSATIONS)
                    .orElse((long) DEFAULT_CONVERSATIONS)
                    .intValue();
            found = users.conversationsOf(request.user(), limit);
        }
        Map<String, Unread> unread = text.isPresent()
                ? Map.of()
                : readMarks.inDirect(
                        request.user(),
                        request.connection().user().displayName(),
                        found.stream().map(User::id).toList());
        request.reply(OutboundEvents.users(request.ref(), withPresence(found), next, unread));
    }

    /** The connection watches these people from now on, and learns whether each is online now. */
    private void watchPresence(Request request) {
        Set<String> ids = request.frame().userIds("users", PresenceSubscriptions.MAX_WATCHED);
        List<User> known = users.withIds(ids);
        Set<String> unknown = new LinkedHashSet<>(ids);
        known.forEach(user -> unknown.remove(user.id()));
        Connection connection = request.connection();
        subscriptions.watch(connection, known.stream().map(User::id).collect(Collectors.toSet()));
        if (!connections.holds(connection)) {
            subscriptions.forget(connection); // it closed while this request was handled
        }
        // Read after subscribing: a change from now on arrives as an event, after or instead of this.
        request.reply(OutboundEvents.watching(request.ref(), withPresence(known), List.copyOf(unknown)));
    }

    private void listMembers(Request request) {
        InboundFrame frame = request.frame();
        Optional<String> after =
                frame.optionalString("after").isPresent() ? Optional.of(frame.userId("after")) : Optional.empty();
        int limit = frame.optionalLong("limit", 1, MAX_MEMBERS_PAGE)
                .orElse((long) DEFAULT_MEMBERS_PAGE)
                .intValue();
        MemberPage page = rooms.members(request.user(), frame.requiredString("room"), after, limit);
        Set<String> everyone = page.room().members();
        request.reply(OutboundEvents.members(
                request.ref(),
                page.room().name(),
                withPresence(page.members()),
                everyone.size(),
                presence.countOnline(everyone),
                page.next()));
    }

    /** Where the person stands in each room of theirs on the page, by room name. */
    private Map<String, Unread> unreadIn(Request request, RoomPage page) {
        Map<Long, String> names = new HashMap<>();
        for (RoomListing listing : page.rooms()) {
            rooms.byName(listing.name()).ifPresent(room -> names.put(room.id(), room.name()));
        }
        Map<String, Unread> byName = new HashMap<>();
        readMarks
                .inRooms(request.user(), request.connection().user().displayName(), List.copyOf(names.keySet()))
                .forEach((id, unread) -> byName.put(names.get(id), unread));
        return byName;
    }

    private List<OutboundEvents.UserEntry> withPresence(List<User> people) {
        return people.stream()
                .map(user -> new OutboundEvents.UserEntry(user.id(), user.name(), presence.isOnline(user.id())))
                .toList();
    }
}
