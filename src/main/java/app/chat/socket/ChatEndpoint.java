package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.auth.HandshakeCredentials;
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
 * One instance per connection, holding only its connection and three application-wide beans.
 */
@ServerEndpoint(
        value = "/ws",
        configurator = ChatEndpointConfigurator.class,
        subprotocols = HandshakeCredentials.SUBPROTOCOL)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    /** The largest frame accepted; larger ones close the connection with 1009 (too big). */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final Admission admission;
    private final RequestRouter router;
    private final Connections connections;

    private Connection connection;

    /** Made by {@link ChatEndpointConfigurator#getEndpointInstance}, not by the container's injection. */
    ChatEndpoint(Admission admission, RequestRouter router, Connections connections) {
        this.admission = admission;
        this.router = router;
        this.connections = connections;
    }

    @OnOpen
    public void open(Session session) {
        if (!(session.getUserProperties().get(ChatEndpointConfigurator.USER_PROPERTY)
                instanceof AuthenticatedUser user)) {
            Admission.close(session, new CloseReason(CloseCodes.VIOLATED_POLICY, "not authenticated"));
            return;
        }
        // Liveness pings find dead connections; the container's idle timeout stays off. Setting it
        // costs a managed timer task on Payara even when it is already off, so only if needed.
        if (session.getMaxIdleTimeout() != 0) {
            session.setMaxIdleTimeout(0);
        }
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        Object resumeAfter = session.getUserProperties().get(ChatEndpointConfigurator.RESUME_PROPERTY);
        connection = admission
                .admit(session, user, resumeAfter == null ? null : resumeAfter.toString())
                .orElse(null);
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
        Admission.close(
                session, new CloseReason(CloseCodes.CANNOT_ACCEPT, "binary frames are not part of the protocol"));
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
}
