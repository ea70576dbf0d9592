package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.auth.Authentication;
import app.chat.auth.TokenRejected;
import app.chat.messages.Draft;
import app.chat.messages.Message;
import app.chat.messages.MessageContent;
import app.chat.messages.MessageWriter;
import app.chat.messages.Messages;
import app.chat.messages.PostedMessage;
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
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Turns each client request into a call on the feature that owns it and the answer back into a
 * frame. Holds no rules of its own: those live in the rooms, messages and users packages.
 */
@ApplicationScoped
public class RequestRouter {

    private static final Logger LOG = Logger.getLogger(RequestRouter.class.getName());

    static final int DEFAULT_HISTORY_PAGE = 50;
    /** Caps the work and the frame size of one history request. */
    static final int MAX_HISTORY_PAGE = 100;
    /** Caps one history answer's text; fits {@link Limits#MIN_QUEUE_BYTES_PER_CONNECTION}. */
    static final long MAX_PAGE_BYTES = Limits.MIN_QUEUE_BYTES_PER_CONNECTION / 2;

    /** The people one talks with, most recent first: what a sidebar shows, not the directory. */
    static final int DEFAULT_CONVERSATIONS = 50;

    static final int MAX_CONVERSATIONS = 100;
    static final int DEFAULT_MEMBERS_PAGE = 50;
    static final int MAX_MEMBERS_PAGE = 100;

    /** What a request handler gets: who asked, on which connection, and what they sent. */
    private record Request(Connection connection, InboundFrame frame) implements app.chat.requests.Request {
        @Override
        public String user() {
            return connection.user().id();
        }

        String ref() {
            return frame.ref().orElse(null);
        }

        void reply(String event) {
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
    Messages messages;

    @Inject
    MessageWriter writer;

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

    private Timer historyDuration;
    private Counter typingFrames;

    @PostConstruct
    void routes() {
        historyDuration = metrics.timer(Metadata.builder()
                .withName("chat.history.duration")
                .withDescription("Time to answer a history or dm_history request, database included")
                .withUnit(MetricUnits.SECONDS)
                .build());
        typingFrames = metrics.counter(Metadata.builder()
                .withName("chat.typing.frames")
                .withDescription("Typing notices offered to connections (one that is behind skips them)")
                .build());
        routes = Map.ofEntries(
                Map.entry("join", new Route(Budget.MEMBERSHIP, RequestRouter::join)),
                Map.entry("leave", new Route(Budget.MEMBERSHIP, RequestRouter::leave)),
                Map.entry("create_room", new Route(Budget.MEMBERSHIP, RequestRouter::createRoom)),
                Map.entry("invite", new Route(Budget.INVITATIONS, RequestRouter::invite)),
                Map.entry("message", new Route(null, RequestRouter::roomMessage)),
                Map.entry("dm", new Route(null, RequestRouter::directMessage)),
                Map.entry("history", new Route(Budget.READS, RequestRouter::roomHistory)),
                Map.entry("dm_history", new Route(Budget.READS, RequestRouter::directHistory)),
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

    private void roomMessage(Request request) {
        InboundFrame frame = request.frame();
        requireSendAllowance(request.user());
        RoomState room = rooms.memberOf(request.user(), frame.requiredString("room"));
        String content = MessageContent.check(frame.requiredString("content"));
        UUID clientId = frame.optionalUuid("client_id").orElse(null);
        writer.submit(Draft.toRoom(request.user(), room.id(), room.name(), content, clientId), acknowledge(request));
    }

    private void directMessage(Request request) {
        InboundFrame frame = request.frame();
        String to = frame.userId("to");
        String content = MessageContent.check(frame.requiredString("content"));
        UUID clientId = frame.optionalUuid("client_id").orElse(null);
        requireSendAllowance(request.user());
        requireKnown(to);
        writer.submit(Draft.direct(request.user(), to, content, clientId), acknowledge(request));
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
            requireKnown(to);
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

    private void roomHistory(Request request) {
        historyDuration.time(() -> {
            InboundFrame frame = request.frame();
            RoomState room = rooms.readable(request.user(), frame.requiredString("room"));
            var page = messages.roomHistory(room.id(), before(frame), limit(frame));
            request.reply(OutboundEvents.roomHistory(request.ref(), room.name(), newestWithinPageSize(page)));
        });
    }

    private void directHistory(Request request) {
        historyDuration.time(() -> {
            InboundFrame frame = request.frame();
            String with = frame.userId("with");
            requireKnown(with);
            var page = messages.conversation(request.user(), with, before(frame), limit(frame));
            request.reply(OutboundEvents.directHistory(request.ref(), with, newestWithinPageSize(page)));
        });
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

    private static MessageWriter.Outcome acknowledge(Request request) {
        return new MessageWriter.Outcome() {
            @Override
            public void stored(PostedMessage message) {
                request.reply(OutboundEvents.ack(request.ref(), message));
            }

            @Override
            public void failed(RequestRejected reason) {
                request.reply(OutboundEvents.error(request.ref(), reason));
            }
        };
    }

    private void requireSendAllowance(String userId) {
        limits.messages()
                .acquire(userId, "slow down: at most " + limits.messages().perSecond() + " messages per second");
    }

    private void requireKnown(String userId) {
        if (!knownUsers.exists(userId)) {
            throw new RequestRejected(
                    ErrorCode.UNKNOWN_USER, "no user with id " + InboundFrame.abbreviated(userId) + " is known here");
        }
    }

    /**
     * A page of 100 messages of control characters is 2.4 MB of JSON: the oldest messages that do
     * not fit in {@link #MAX_PAGE_BYTES} are left out, and the client's next page (before the
     * smallest id it got) brings them. Always at least one message, so paging never stalls.
     */
    static List<Message> newestWithinPageSize(List<Message> oldestFirst) {
        long size = 0;
        int first = oldestFirst.size();
        while (first > 0) {
            size += OutboundEvents.estimatedSize(oldestFirst.get(first - 1).content());
            if (size > MAX_PAGE_BYTES && first < oldestFirst.size()) {
                break;
            }
            first--;
        }
        return oldestFirst.subList(first, oldestFirst.size());
    }

    private static long before(InboundFrame frame) {
        return frame.optionalLong("before", 1, Long.MAX_VALUE).orElse(Long.MAX_VALUE);
    }

    private static int limit(InboundFrame frame) {
        long limit = frame.optionalLong("limit", 1, Integer.MAX_VALUE).orElse((long) DEFAULT_HISTORY_PAGE);
        return (int) Math.min(limit, MAX_HISTORY_PAGE);
    }
}
