package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.auth.Authentication;
import app.chat.auth.HandshakeFilter;
import app.chat.auth.TokenRejected;
import app.chat.presence.Presence;
import app.chat.presence.PresenceVisibility;
import app.chat.protection.Budget;
import app.chat.protection.Limits;
import app.chat.protection.RateLimited;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.requests.InboundFrame;
import app.chat.requests.Request;
import app.chat.requests.RequestType;
import app.chat.requests.RequestTypes;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import app.chat.users.KnownUsers;
import app.chat.users.User;
import app.chat.users.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The requests about the connection itself: {@code resume} (replay what it missed), {@code watch}
 * (whose presence it hears), {@code typing} (passed on to the connections of others, never stored)
 * and {@code auth} (a fresh token for it).
 */
@ApplicationScoped
public class ConnectionRequests implements RequestTypes {

    @Inject
    Resumption resumption;

    @Inject
    PresenceSubscriptions subscriptions;

    @Inject
    Connections connections;

    @Inject
    Presence presence;

    @Inject
    PresenceVisibility visibility;

    @Inject
    Users users;

    @Inject
    KnownUsers knownUsers;

    @Inject
    RoomDirectory rooms;

    @Inject
    TypingNotices typingNotices;

    @Inject
    Limits limits;

    @Inject
    Authentication authentication;

    @Inject
    MetricRegistry metrics;

    private Counter typingFrames;

    @PostConstruct
    void count() {
        typingFrames = metrics.counter(Metadata.builder()
                .withName("chat.typing.frames")
                .withDescription("Typing notices offered to connections (one that is behind skips them)")
                .build());
    }

    @Override
    public List<RequestType> requestTypes() {
        return List.of(
                new RequestType("resume", Budget.READS, this::resume),
                RequestType.read("watch", this::watch),
                new RequestType("typing", null, this::typing),
                new RequestType("auth", null, this::renewToken));
    }

    private void resume(Request request) {
        long after = request.frame()
                .optionalLong("after", 0, Long.MAX_VALUE)
                .orElseThrow(() ->
                        new RequestRejected(ErrorCode.BAD_REQUEST, "\"after\" is required: the last id received"));
        Connection connection = ConnectionRequest.of(request);
        connection.hold();
        resumption.replay(connection, after, request.ref());
    }

    /** The connection watches these people from now on, and learns whether each is online now. */
    private void watch(Request request) {
        Set<String> ids = request.frame().userIds("users", PresenceSubscriptions.MAX_WATCHED);
        List<User> known = users.withIds(ids);
        Set<String> unknown = new LinkedHashSet<>(ids);
        known.forEach(user -> unknown.remove(user.id()));
        Connection connection = ConnectionRequest.of(request);
        // Only those whose presence this person may see: the others' changes never reach them.
        Set<String> visible = visibility.visibleTo(
                request.user(), known.stream().map(User::id).toList());
        subscriptions.watch(connection, visible);
        if (!connections.holds(connection)) {
            subscriptions.forget(connection); // it closed while this request was handled
        }
        // Read after subscribing: a change from now on arrives as an event, after or instead of this.
        request.reply(OutboundEvents.watching(request.ref(), visibility.listed(known, visible), List.copyOf(unknown)));
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
        request.ok();
    }

    /** A fresh token on an open connection: it must be valid and name the same user. */
    private void renewToken(Request request) {
        AuthenticatedUser renewed;
        try {
            renewed = authentication.verify(request.frame().requiredString("token"));
        } catch (TokenRejected e) {
            // The same fixed words as the handshake's 401: the verifier's own reason can name the
            // key endpoint or a network error, which is nothing a client needs to learn.
            throw new RequestRejected(ErrorCode.UNAUTHORIZED, HandshakeFilter.INVALID_TOKEN);
        }
        if (!renewed.id().equals(request.user())) {
            throw new RequestRejected(ErrorCode.FORBIDDEN, "a renewed token must belong to the same user");
        }
        ConnectionRequest.of(request).renew(renewed);
        request.reply(OutboundEvents.authenticated(request.ref(), renewed.expiresAt()));
    }
}
