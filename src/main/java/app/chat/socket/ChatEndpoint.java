package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import jakarta.enterprise.inject.spi.CDI;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket at {@code /ws}: translates between frames and the chat features, nothing more.
 * One instance per connection, holding only its connection and three application-wide beans.
 */
@ServerEndpoint(
        value = "/ws",
        configurator = ChatEndpointConfigurator.class,
        subprotocols = {Framing.V2, Framing.V1})
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    /** The largest frame accepted; larger ones close the connection with 1009 (too big). */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    static final CloseReason TOO_BIG = new CloseReason(CloseCodes.TOO_BIG, "messages are at most 64 KiB");

    private final Admission admission;
    private final RequestRouter router;
    private final Connections connections;

    /**
     * Completed when {@link #open} has admitted the connection (with null when it refused it).
     * Open Liberty may hand the first message to another thread while onOpen still runs: that
     * message waits for the admission instead of finding no connection and being lost.
     */
    private final CompletableFuture<Connection> admitted = new CompletableFuture<>();

    /** How long a first message waits for onOpen; the admission itself takes microseconds. */
    private static final long ADMISSION_WAIT_SECONDS = 10;

    /**
     * For a container that makes endpoints itself. Open Liberty requires this constructor to exist
     * at deployment even though its instances come from the configurator, like Payara's.
     */
    public ChatEndpoint() {
        this(
                CDI.current().select(Admission.class).get(),
                CDI.current().select(RequestRouter.class).get(),
                CDI.current().select(Connections.class).get());
    }

    /** Made by {@link ChatEndpointConfigurator#getEndpointInstance}, not by the container's injection. */
    ChatEndpoint(Admission admission, RequestRouter router, Connections connections) {
        this.admission = admission;
        this.router = router;
        this.connections = connections;
    }

    @OnOpen
    public void open(Session session) {
        try {
            Connection connection = admit(session);
            admitted.complete(connection);
            if (connection != null && !session.isOpen()) {
                connections.remove(connection); // closed while it was being admitted
            }
        } catch (RuntimeException | Error e) {
            admitted.complete(null);
            throw e;
        }
    }

    private Connection admit(Session session) {
        if (!(session.getUserProperties().get(ChatEndpointConfigurator.USER_PROPERTY)
                instanceof AuthenticatedUser user)) {
            Admission.close(session, new CloseReason(CloseCodes.VIOLATED_POLICY, "not authenticated"));
            return null;
        }
        // Liveness pings find dead connections; the container's idle timeout stays off. Setting it
        // costs a managed timer task on Payara even when it is already off, so only if needed.
        if (session.getMaxIdleTimeout() != 0) {
            session.setMaxIdleTimeout(0);
        }
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        Object resumeAfter = session.getUserProperties().get(ChatEndpointConfigurator.RESUME_PROPERTY);
        return admission
                .admit(session, user, resumeAfter == null ? null : resumeAfter.toString())
                .orElse(null);
    }

    /** The admitted connection, waiting for onOpen if it is still running; null if refused. */
    private Connection connection() {
        Connection now = admitted.getNow(null);
        if (now != null || admitted.isDone()) {
            return now;
        }
        try {
            return admitted.get(ADMISSION_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /**
     * One whole message. The container refuses any single frame over {@link #MAX_FRAME_BYTES}
     * before it arrives; a message fragmented into smaller frames is measured here, because not
     * every container bounds their sum (Open Liberty checks each frame, not the message).
     */
    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void text(String frame) {
        Connection connection = connection();
        if (connection == null) {
            return;
        }
        connection.heard();
        if (tooLarge(frame)) {
            connection.close(TOO_BIG);
            return;
        }
        router.handle(connection, frame);
    }

    /** More than {@link #MAX_FRAME_BYTES} in UTF-8 (counted only when the characters could be). */
    static boolean tooLarge(CharSequence text) {
        int length = text.length();
        if (length > MAX_FRAME_BYTES) {
            return true;
        }
        if (length <= MAX_FRAME_BYTES / 3) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > MAX_FRAME_BYTES;
    }

    /** Answers to the server's pings: proof that the client is still there. */
    @OnMessage
    public void pong(PongMessage pong) {
        Connection connection = admitted.getNow(null);
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
        // Never waits: a refusal closes the session from inside onOpen, on this very thread.
        Connection connection = admitted.getNow(null);
        if (connection != null) {
            connections.remove(connection);
        }
    }

    @OnError
    public void failed(Session session, Throwable failure) {
        // Oversized frames, broken pipes and resets land here; the container closes the session.
        LOG.log(Level.FINE, "WebSocket error on session " + session.getId(), failure);
        if (overflowedIncomingBuffer(failure)) {
            // Payara's Tyrus refuses a frame larger than its incoming buffer (web.xml) before it can
            // see the frame's size, and would close with 1011 (its error, not the client's): a frame
            // that large is too big, and the client is told so as for any frame over the limit.
            Admission.close(session, TOO_BIG);
        }
    }

    /** Tyrus's words when the bytes of one frame outgrow its incoming buffer. */
    static boolean overflowedIncomingBuffer(Throwable failure) {
        return failure instanceof IllegalArgumentException
                && failure.getMessage() != null
                && failure.getMessage().startsWith("Buffer overflow");
    }
}
