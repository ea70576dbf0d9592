package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket of one user, with its own bounded outbound queue. Any thread may call
 * {@link #send}; frames leave in the order they were queued, one at a time, so a session never has
 * two writes in flight. A client that stops reading fills its queue and is disconnected instead of
 * growing the heap or slowing down anyone else.
 */
public final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Frames waiting behind the one in flight; a reading client never comes near this. */
    static final int MAX_QUEUED_FRAMES = 1_000;

    private final Session session;
    private final AuthenticatedUser user;
    /** Closing can run close handlers; never do that on a thread that is delivering to others. */
    private final Executor closer;

    // All guarded by this.
    private final Queue<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;
    /** The thread inside sendText, so a completion that runs inline does not recurse. */
    private Thread transmitting;
    private boolean completedInline;

    public Connection(Session session, AuthenticatedUser user, Executor closer) {
        this.session = session;
        this.user = user;
        this.closer = closer;
    }

    public AuthenticatedUser user() {
        return user;
    }

    public String id() {
        return session.getId();
    }

    public void send(String frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (sending) {
                if (queue.size() < MAX_QUEUED_FRAMES) {
                    queue.add(frame);
                    return;
                }
                closed = true;
                queue.clear();
            } else {
                sending = true;
            }
        }
        if (closed) {
            LOG.log(Level.INFO, "Disconnecting a slow client of user {0}: {1} frames queued",
                    new Object[] {user.id(), MAX_QUEUED_FRAMES});
            closer.execute(() -> close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow reading messages")));
            return;
        }
        transmit(frame);
    }

    /** Sends frames until one completes asynchronously; its completion then carries on. */
    private void transmit(String first) {
        String frame = first;
        while (frame != null) {
            synchronized (this) {
                transmitting = Thread.currentThread();
                completedInline = false;
            }
            try {
                session.getAsyncRemote().sendText(frame, this::sent);
            } catch (RuntimeException e) {
                sent(new SendResult(e));
            }
            synchronized (this) {
                transmitting = null;
                if (!completedInline) {
                    return;
                }
                frame = nextOrIdle();
            }
        }
    }

    private void sent(SendResult result) {
        String next;
        synchronized (this) {
            if (!result.isOK()) {
                closed = true;
                sending = false;
                queue.clear();
                completedInline = false;
                next = null;
            } else if (transmitting == Thread.currentThread()) {
                completedInline = true;
                return;
            } else {
                next = nextOrIdle();
            }
        }
        if (!result.isOK()) {
            LOG.log(Level.FINE, "Send to a client of user " + user.id() + " failed", result.getException());
            return;
        }
        if (next != null) {
            transmit(next);
        }
    }

    /** Must hold the lock. */
    private String nextOrIdle() {
        String next = closed ? null : queue.poll();
        if (next == null) {
            sending = false;
        }
        return next;
    }

    public void close(CloseReason reason) {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Closing a session that is already going away", e);
        }
    }
}
