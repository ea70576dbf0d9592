package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.auth.HandshakeCredentials;
import app.chat.protection.Limits;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.users.KnownUsers;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket at {@code /ws}: translates between frames and the chat features, nothing more.
 * One instance per connection.
 */
@ServerEndpoint(value = "/ws", configurator = ChatEndpointConfigurator.class,
        subprotocols = HandshakeCredentials.SUBPROTOCOL)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    /** The largest frame accepted; larger ones close the connection with 1009 (too big). */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    @Inject
    Connections connections;

    @Inject
    RequestRouter router;

    @Inject
    KnownUsers users;

    @Inject
    Limits limits;

    @Inject
    Resumption resumption;

    @Resource
    ManagedExecutorService executor;

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        if (!(session.getUserProperties().get(ChatEndpointConfigurator.USER_PROPERTY) instanceof AuthenticatedUser user)) {
            close(session, new CloseReason(CloseCodes.VIOLATED_POLICY, "not authenticated"));
            return;
        }
        // Liveness pings find dead connections; the container's idle timeout stays off. Setting it
        // costs a managed timer task on Payara even when it is already off, so only if needed.
        if (session.getMaxIdleTimeout() != 0) {
            session.setMaxIdleTimeout(0);
        }
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        try {
            users.record(user);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record user " + user.id() + "; closing the connection", e);
            close(session, new CloseReason(CloseCodes.TRY_AGAIN_LATER, "the server cannot reach its database"));
            return;
        }
        Connection opened = new Connection(session, user, executor, connections::remove);
        Object resumeAfter = session.getUserProperties().get(ChatEndpointConfigurator.RESUME_PROPERTY);
        Long after = resumeAfter == null ? null : cursor(resumeAfter.toString());
        if (after != null) {
            // Held before it is registered: no live message can overtake the replay.
            opened.hold();
        }
        if (!connections.add(opened, limits.connectionsPerUser())) {
            close(session, new CloseReason(CloseCodes.VIOLATED_POLICY,
                    "too many open connections for this user (at most " + limits.connectionsPerUser() + ")"));
            return;
        }
        connection = opened;
        if (resumeAfter != null && after == null) {
            opened.send(OutboundEvents.error(null, ErrorCode.BAD_REQUEST, "\"after\" must be a whole number from 0"));
        } else if (after != null) {
            try {
                resumption.replay(opened, after, null);
            } catch (RuntimeException e) {
                RequestRejected reason = RequestRejected.forFailure(e);
                LOG.log(Level.WARNING, "Resuming a connection of user " + user.id() + " failed", e);
                opened.send(OutboundEvents.error(null, reason.code(), reason.getMessage()));
            }
        }
    }

    private static Long cursor(String text) {
        try {
            long after = Long.parseLong(text);
            return after >= 0 ? after : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void text(String frame) {
        if (connection != null) {
            connection.heard();
            router.handle(connection, frame);
        }
    }

    /** Answers to the server's pings: proof that the client is still there. */
    @OnMessage
    public void pong(PongMessage pong) {
        if (connection != null) {
            connection.heard();
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void binary(ByteBuffer frame, Session session) {
        close(session, new CloseReason(CloseCodes.CANNOT_ACCEPT, "binary frames are not part of the protocol"));
    }

    @OnClose
    public void closed() {
        if (connection != null) {
            connections.remove(connection);
        }
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        // Oversized frames, broken pipes and resets land here; the container closes the session.
        LOG.log(Level.FINE, "WebSocket error on session " + session.getId(), failure);
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (java.io.IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Session already closing", e);
        }
    }
}
