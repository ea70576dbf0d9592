package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.auth.Authentication;
import app.chat.auth.TokenRejected;
import app.chat.messages.Draft;
import app.chat.messages.MessageContent;
import app.chat.messages.MessageWriter;
import app.chat.messages.Messages;
import app.chat.messages.PostedMessage;
import app.chat.presence.Presence;
import app.chat.protection.Limits;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import app.chat.users.KnownUsers;
import app.chat.users.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    /** What a request handler gets: who asked, on which connection, and what they sent. */
    private record Request(Connection connection, InboundFrame frame) {
        String user() {
            return connection.user().id();
        }

        String ref() {
            return frame.ref().orElse(null);
        }

        void reply(String event) {
            connection.send(event);
        }
    }

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
    Limits limits;

    @Inject
    Authentication authentication;

    @Inject
    Resumption resumption;

    private Map<String, BiConsumer<RequestRouter, Request>> handlers;

    @PostConstruct
    void routes() {
        handlers = Map.ofEntries(
                Map.entry("join", RequestRouter::join),
                Map.entry("leave", RequestRouter::leave),
                Map.entry("create_room", RequestRouter::createRoom),
                Map.entry("invite", RequestRouter::invite),
                Map.entry("message", RequestRouter::roomMessage),
                Map.entry("dm", RequestRouter::directMessage),
                Map.entry("history", RequestRouter::roomHistory),
                Map.entry("dm_history", RequestRouter::directHistory),
                Map.entry("rooms", RequestRouter::listRooms),
                Map.entry("users", RequestRouter::listUsers),
                Map.entry("resume", RequestRouter::resume),
                Map.entry("typing", RequestRouter::typing),
                Map.entry("auth", RequestRouter::renewToken));

    }

    public void handle(Connection connection, String text) {
        String ref = null;
        try {
            InboundFrame frame = InboundFrame.parse(text);
            ref = frame.ref().orElse(null);
            String type = frame.type();
            BiConsumer<RequestRouter, Request> handler = handlers.get(type);
            if (handler == null) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "unknown request type \"" + abbreviated(type) + "\"");
            }
            handler.accept(this, new Request(connection, frame));
        } catch (RequestRejected rejected) {
            connection.send(OutboundEvents.error(ref, rejected.code(), rejected.getMessage()));
        } catch (RuntimeException failure) {
            RequestRejected reason = RequestRejected.forFailure(failure);
            LOG.log(Level.WARNING, "A request of user " + connection.user().id() + " failed", failure);
            connection.send(OutboundEvents.error(ref, reason.code(), reason.getMessage()));
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
        RoomState room = rooms.create(request.user(), frame.requiredString("room"), frame.optionalBoolean("private", false));
        request.reply(OutboundEvents.roomCreated(request.ref(), room.name(), room.isPrivate()));
    }

    private void invite(Request request) {
        InboundFrame frame = request.frame();
        String invitee = frame.userId("user");
        RoomState room = rooms.invite(request.user(), frame.requiredString("room"), invitee);
        request.reply(OutboundEvents.invited(request.ref(), room.name(), invitee, request.user()));
        if (!invitee.equals(request.user())) {
            connections.sendToUser(invitee, OutboundEvents.invited(null, room.name(), invitee, request.user()));
        }
    }

    private void roomMessage(Request request) {
        InboundFrame frame = request.frame();
        RoomState room = rooms.memberOf(request.user(), frame.requiredString("room"));
        String content = MessageContent.check(frame.requiredString("content"));
        UUID clientId = frame.optionalUuid("client_id").orElse(null);
        requireSendAllowance(request.user());
        writer.submit(Draft.toRoom(request.user(), room.id(), room.name(), content, clientId), acknowledge(request));
    }

    private void directMessage(Request request) {
        InboundFrame frame = request.frame();
        String to = frame.userId("to");
        String content = MessageContent.check(frame.requiredString("content"));
        UUID clientId = frame.optionalUuid("client_id").orElse(null);
        requireKnown(to);
        requireSendAllowance(request.user());
        writer.submit(Draft.direct(request.user(), to, content, clientId), acknowledge(request));
    }

    private void resume(Request request) {
        long after = request.frame().optionalLong("after", 0, Long.MAX_VALUE)
                .orElseThrow(() -> new RequestRejected(ErrorCode.BAD_REQUEST, "\"after\" is required: the last id received"));
        Connection connection = request.connection();
        connection.hold();
        resumption.replay(connection, after, request.ref());
    }

    private void typing(Request request) {
        InboundFrame frame = request.frame();
        String frameRoom = frame.optionalString("room").orElse(null);
        String to = frameRoom == null ? frame.userId("to") : null;
        RoomState room = frameRoom == null ? null : rooms.memberOf(request.user(), frameRoom);
        if (to != null) {
            requireKnown(to);
        }
        if (!limits.typing().tryAcquire(request.user())) {
            if (request.ref() != null) {
                throw new RequestRejected(ErrorCode.RATE_LIMITED, "typing notices are sent too often");
            }
            return;
        }
        if (room != null) {
            String notice = OutboundEvents.typingInRoom(room.name(), request.user());
            room.members().stream()
                    .filter(member -> !member.equals(request.user()))
                    .forEach(member -> connections.sendDroppableToUser(member, notice));
        } else if (!to.equals(request.user())) {
            connections.sendDroppableToUser(to, OutboundEvents.typingDirect(request.user(), to));
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
        InboundFrame frame = request.frame();
        RoomState room = rooms.readable(request.user(), frame.requiredString("room"));
        var page = messages.roomHistory(room.id(), before(frame), limit(frame));
        request.reply(OutboundEvents.roomHistory(request.ref(), room.name(), page));
    }

    private void directHistory(Request request) {
        InboundFrame frame = request.frame();
        String with = frame.userId("with");
        requireKnown(with);
        var page = messages.conversation(request.user(), with, before(frame), limit(frame));
        request.reply(OutboundEvents.directHistory(request.ref(), with, page));
    }

    private void listRooms(Request request) {
        request.reply(OutboundEvents.rooms(request.ref(), rooms.visibleTo(request.user())));
    }

    private void listUsers(Request request) {
        var entries = users.all().stream()
                .map(user -> new OutboundEvents.UserEntry(user.id(), user.name(), presence.isOnline(user.id())))
                .toList();
        request.reply(OutboundEvents.users(request.ref(), entries));
    }

    private static MessageWriter.Outcome acknowledge(Request request) {
        return new MessageWriter.Outcome() {
            @Override
            public void stored(PostedMessage message) {
                request.reply(OutboundEvents.ack(request.ref(), message));
            }

            @Override
            public void failed(RequestRejected reason) {
                request.reply(OutboundEvents.error(request.ref(), reason.code(), reason.getMessage()));
            }
        };
    }

    private void requireSendAllowance(String userId) {
        if (!limits.messages().tryAcquire(userId)) {
            throw new RequestRejected(ErrorCode.RATE_LIMITED, "slow down: at most "
                    + limits.messages().perSecond() + " messages per second");
        }
    }

    private void requireKnown(String userId) {
        if (!knownUsers.exists(userId)) {
            throw new RequestRejected(ErrorCode.UNKNOWN_USER, "no user with id " + abbreviated(userId) + " is known here");
        }
    }

    private static long before(InboundFrame frame) {
        return frame.optionalLong("before", 1, Long.MAX_VALUE).orElse(Long.MAX_VALUE);
    }

    private static int limit(InboundFrame frame) {
        long limit = frame.optionalLong("limit", 1, Integer.MAX_VALUE).orElse((long) DEFAULT_HISTORY_PAGE);
        return (int) Math.min(limit, MAX_HISTORY_PAGE);
    }

    /** Client text echoed into an error stays short. */
    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
