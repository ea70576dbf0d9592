package app.chat.socket;

import app.chat.auth.AuthenticatedUser;
import app.chat.logging.Notice;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open WebSocket of one user, with its own bounded outbound queue. Any thread may send: frames
 * are queued and written by the sender threads (or by the completion of the previous write), in the
 * order they were queued, one at a time, so a session never has two writes in flight. With
 * {@link Framing#LINES} everything queued when a write starts leaves in that one write.
 * A client that stops reading fills its queue and is dropped instead of growing the heap or slowing
 * anyone else down.
 */
public final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Frames waiting behind the one in flight; a reading client never comes near this. */
    static final int MAX_QUEUED_FRAMES = 1_000;
    /** Typing notices and pings are skipped once this many frames wait: they are worthless late. */
    static final int DROPPABLE_BACKLOG = 32;

    static final CloseReason TOO_SLOW = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow reading");

    /** Stands for a ping in the queue, so pings take their turn like any frame. */
    private static final Object PING = new Object();

    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.allocate(0);

    private final Session session;
    private final Framing framing;
    private final OutboundMemory memory;
    private final Executor sender;
    private final Executor closer;
    private final Consumer<Connection> dropped;
    private volatile AuthenticatedUser user;
    private final long openedNanos = System.nanoTime();
    private volatile long lastHeardNanos = openedNanos;

    // All guarded by this.
    /** Events (String) and pings (PING) not yet handed to the container. */
    private final Queue<Object> queue = new ArrayDeque<>();
    /** Characters of the queued events and of those in flight, reserved from {@link #memory}. */
    private long queuedSize;
    /** Characters of the events being written, released when the write completes. */
    private long inFlightSize;

    private long heldSize;
    private boolean sending;
    private boolean closed;
    /** While a resume replays from the database, live messages wait here (id, frame). */
    private List<Held> held;

    private CompletableFuture<Void> flushed;
    /** The thread inside a send, so a completion that runs inline does not recurse. */
    private Thread transmitting;
    /** The result of a send that completed before the call returned. */
    private SendResult completedInline;

    private record Held(long id, String frame) {}

    /** This connection's reads waiting for the {@link ReadLane}, answered in the order they came. */
    private final InOrder reads = new InOrder();

    /** The last message id a resume replayed here: live deliveries up to it are repeats. */
    private long replayedUpTo;

    /**
     * @param sender  writes frames to the container, so that whoever queues one never pays for the write
     * @param closer  runs closes, which can call close handlers: never on a thread delivering to others
     * @param dropped told when this connection is given up (too slow, broken), before the close completes
     * @param memory  bounds the text queued here and on all connections together
     */
    public Connection(
            Session session,
            AuthenticatedUser user,
            Framing framing,
            Executor sender,
            Executor closer,
            Consumer<Connection> dropped,
            OutboundMemory memory) {
        this.session = session;
        this.framing = framing;
        this.memory = memory;
        this.user = user;
        this.sender = sender;
        this.closer = closer;
        this.dropped = dropped;
    }

    /** How long this connection has been open. */
    long ageNanos(long nowNanos) {
        return nowNanos - openedNanos;
    }

    InOrder reads() {
        return reads;
    }

    public AuthenticatedUser user() {
        return user;
    }

    /** A fresh token for the same user extends the connection's life. */
    public void renew(AuthenticatedUser renewed) {
        this.user = renewed;
    }

    public boolean isExpired(Instant now) {
        return now.isAfter(user.expiresAt());
    }

    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    public long silentNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }

    public void send(String frame) {
        enqueue(frame, false);
    }

    /** Sends unless the client is already behind: for what is worthless once late. */
    public void sendDroppable(String frame) {
        enqueue(frame, true);
    }

    public void ping() {
        enqueue(PING, true);
    }

    /** A live message event: held back while a resume is replaying, sent otherwise. */
    public void deliver(long id, String frame) {
        synchronized (this) {
            if (id <= replayedUpTo) {
                return; // the feed delivers a moment after commit: a resume may have replayed it already
            }
            if (held != null) {
                held.add(new Held(id, frame));
                heldSize += frame.length();
                if (held.size() > MAX_QUEUED_FRAMES
                        || (memory.perConnection() > 0 && heldSize > memory.perConnection())) {
                    int frames = held.size();
                    long size = heldSize;
                    held = null;
                    heldSize = 0;
                    cutBehind("held_during_resume", frames, size);
                }
                return;
            }
        }
        send(frame);
    }

    /** From now until {@link #release}, live messages are held back. */
    public synchronized void hold() {
        held = new ArrayList<>();
        heldSize = 0;
    }

    /** Sends the held live messages the replay did not already contain, then goes back to live. */
    public void release(long lastReplayedId) {
        List<Held> waiting;
        synchronized (this) {
            waiting = held == null ? List.of() : held;
            held = null;
            heldSize = 0;
            replayedUpTo = Math.max(replayedUpTo, lastReplayedId);
        }
        for (Held message : waiting) {
            if (message.id() > lastReplayedId) {
                send(message.frame());
            }
        }
    }

    private void enqueue(Object frame, boolean droppable) {
        long size = frame instanceof String text ? text.length() : 0;
        long overflowAt = -1;
        int framesQueued = 0;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (droppable && sending && queue.size() >= DROPPABLE_BACKLOG) {
                return;
            }
            if ((sending && queue.size() >= MAX_QUEUED_FRAMES) || !memory.reserve(queuedSize, size)) {
                if (droppable) {
                    return;
                }
                overflowAt = queuedSize;
                framesQueued = queue.size();
            } else {
                queuedSize += size;
                queue.add(frame);
                if (sending) {
                    return;
                }
                sending = true;
            }
        }
        if (overflowAt >= 0) {
            cutBehind("queue_full", framesQueued, overflowAt);
            return;
        }
        try {
            // The sender takes what is queued when it runs: events queued meanwhile join the frame.
            sender.execute(this::transmitQueued);
        } catch (RejectedExecutionException e) {
            // The application is stopping and its senders are gone: nothing more can be written.
            close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down"));
        }
    }

    private void transmitQueued() {
        Object first;
        synchronized (this) {
            first = nextFrame();
        }
        if (first != null) {
            transmit(first);
        }
    }

    /** Sends frames until one completes asynchronously; its completion then carries on. */
    private void transmit(Object first) {
        Object frame = first;
        while (frame != null) {
            synchronized (this) {
                transmitting = Thread.currentThread();
                completedInline = null;
            }
            write(frame);
            SendResult inline;
            synchronized (this) {
                transmitting = null;
                inline = completedInline;
                if (inline == null) {
                    return;
                }
                frame = inline.isOK() ? nextOrIdle() : null;
            }
            if (!inline.isOK()) {
                failed(inline);
            }
        }
    }

    /**
     * Hands one frame to the container. Payara's Tyrus schedules a managed task for every frame it
     * sends (idle-timeout bookkeeping, even with the timeout off), and capturing the context for
     * that task looks for context providers through the thread's context class loader, which for
     * the application means reading every jar of the server: 70 % of the CPU in the fanout profile
     * (BENCHMARKS.md). With the platform class loader as context loader for the call, that lookup
     * finds nothing at once; the task it schedules does nothing either way.
     */
    private void write(Object frame) {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            if (frame == PING) {
                session.getAsyncRemote().sendPing(PING_PAYLOAD.duplicate());
                sent(new SendResult());
            } else {
                session.getAsyncRemote().sendText((String) frame, this::sent);
            }
        } catch (IOException | RuntimeException e) {
            sent(new SendResult(e));
        } catch (Error e) {
            // Tyrus reports text it cannot encode (an unpaired surrogate) as an Error; that frame is
            // a fault of ours, but it must cost this connection at most, never a sender thread.
            if (!(e.getCause() instanceof CharacterCodingException)) {
                throw e;
            }
            LOG.log(Level.WARNING, "A frame for user " + user.id() + " could not be encoded", e);
            sent(new SendResult(e));
        } finally {
            thread.setContextClassLoader(application);
        }
    }

    /** Completion of a send: inline ones are left to {@link #transmit}, which is still on the stack. */
    private void sent(SendResult result) {
        Object next;
        synchronized (this) {
            if (transmitting == Thread.currentThread()) {
                completedInline = result;
                return;
            }
            next = result.isOK() ? nextOrIdle() : null;
        }
        if (!result.isOK()) {
            failed(result);
        } else if (next != null) {
            transmit(next);
        }
    }

    private void failed(SendResult result) {
        LOG.log(Level.FINE, "Sending to a client of user " + user.id() + " failed", result.getException());
        giveUp();
    }

    /** Must hold the lock. The frame in flight has been written: its room is given back. */
    private Object nextOrIdle() {
        if (!closed) {
            queuedSize -= inFlightSize;
            memory.release(inFlightSize);
        }
        inFlightSize = 0;
        return nextFrame();
    }

    /**
     * Must hold the lock. The next frame to write, now in flight: the first queued event or ping
     * and, with {@link Framing#LINES}, the events queued behind it, one per line, up to
     * {@link Framing#MAX_LINES_CHARS}. Null when nothing waits: the connection is idle again.
     */
    private Object nextFrame() {
        Object first = closed ? null : queue.poll();
        if (first == null) {
            sending = false;
            if (flushed != null) {
                flushed.complete(null);
            }
            return null;
        }
        if (!(first instanceof String event)) {
            return first;
        }
        inFlightSize = event.length();
        if (framing == Framing.SINGLE || !(queue.peek() instanceof String)) {
            return event;
        }
        StringBuilder lines = new StringBuilder(event);
        while (queue.peek() instanceof String next && lines.length() + 1 + next.length() <= Framing.MAX_LINES_CHARS) {
            queue.poll();
            lines.append('\n').append(next);
            inFlightSize += next.length();
        }
        return lines.toString();
    }

    /** Completes once everything queued so far has been written (or the connection is gone). */
    public CompletableFuture<Void> flushed() {
        synchronized (this) {
            if (flushed == null) {
                flushed = new CompletableFuture<>();
            }
            if (!sending || closed) {
                flushed.complete(null);
            }
            return flushed;
        }
    }

    /** Closes (1013) a connection whose client is too far behind: nobody else may wait for it. */
    private void cutBehind(String reason, int frames, long characters) {
        memory.cutting();
        Notice.info("connection.cut", "Cut a connection whose client stopped reading")
                .with("user", user.id())
                .with("reason", reason)
                .with("queued_frames", frames)
                .with("queued_chars", characters)
                .log(LOG);
        giveUp();
    }

    /** Gives up on a client that cannot keep up or cannot be written to. */
    private void giveUp() {
        close(TOO_SLOW);
    }

    /**
     * Stops sending at once, then leaves the registry and closes the session on another thread:
     * this may be called while registry or presence locks are held.
     */
    public void close(CloseReason reason) {
        if (stopSending()) {
            try {
                closer.execute(() -> closeSession(reason));
            } catch (RejectedExecutionException stopping) {
                // The application is stopping and the container takes no more tasks: close here.
                closeSession(reason);
            }
        }
    }

    /**
     * Closes on the calling thread, for the application's shutdown: a container that is stopping
     * the application may no longer run tasks handed to its executors (Open Liberty does not).
     */
    public void closeNow(CloseReason reason) {
        if (stopSending()) {
            closeSession(reason);
        }
    }

    /** False when the connection was closed already. */
    private synchronized boolean stopSending() {
        if (closed) {
            return false;
        }
        closed = true;
        queue.clear();
        memory.release(queuedSize);
        queuedSize = 0;
        if (flushed != null) {
            flushed.complete(null);
        }
        return true;
    }

    private void closeSession(CloseReason reason) {
        dropped.accept(this);
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Closing a session that is already going away", e);
        }
    }
}
