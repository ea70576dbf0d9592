package app.chat.feed;

import app.chat.messages.CommittedBatch;
import app.chat.messages.MessageWriter;
import app.chat.messages.Messages;
import app.chat.messages.PostedMessage;
import app.chat.schema.DatabaseOutages;
import app.chat.schema.ThisInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Delivers every committed message, whichever instance stored it, exactly once and in id order.
 * This instance's batches are delivered on its writer's thread as the writer fires them, when they
 * follow right after what was delivered (nothing committed in between: one instance alone, always),
 * so one instance never reads back its own messages. Everything else is the feed thread's
 * ({@code chat-feed}): wake-ups and room announcements from its {@link ChangeListener}, a batch of
 * this instance that another instance's messages precede, and a read of the log at least every
 * {@code chat.feed.poll-millis}; it reads the log from the cursor, on a connection of its own
 * (application name {@code chat-feed}). Both deliver under one lock, so a local message can never
 * overtake a remote one with a smaller id. On any failure the reading connection is dropped and the
 * next read catches up from the cursor: nothing is lost or repeated.
 */
@ApplicationScoped
public class DatabaseFeed {

    private static final Logger LOG = Logger.getLogger(DatabaseFeed.class.getName());

    /** What the feed waits after a failed read before the next: the database may be restarting. */
    private static final long RETRY_MILLIS = 500;

    /** What the feed thread is told, in the order it happened. */
    sealed interface Item {}

    /** One of this instance's write transactions committed these messages. */
    record Committed(CommittedBatch batch) implements Item {}

    /** Another instance committed messages after {@code precedingId}. */
    record Notified(long precedingId) implements Item {}

    /** Something may have been committed that no notification told of: read the log. */
    record ReadTheLog() implements Item {}

    /** The listener listens (again): notifications sent before may have been missed. */
    record Listening() implements Item {}

    /** A change to something other than messages, announced by some instance. */
    record Announced(Announcement announcement) implements Item {}

    /** A read of the log: what the feed does when nothing else happened for a poll interval. */
    private static final Item READ = new ReadTheLog();

    @Inject
    Config config;

    @Inject
    Event<PostedMessage> posted;

    @Inject
    Event<Announcement> announced;

    @Inject
    Event<FeedListening> listening;

    @Inject
    DatabaseOutages outages;

    @Inject
    MessageWriter writer;

    @Inject
    Messages messages;

    @Inject
    ThisInstance instance;

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Item> inbox = new LinkedBlockingQueue<>();
    /** Held by whoever delivers (the feed's thread, or the writer's with its own batch): one at a time, in id order. */
    private final ReentrantLock delivering = new ReentrantLock();

    private FeedSettings settings;
    private volatile boolean running;
    private volatile FeedCursor cursor;
    private Connection reading;
    private Thread deliverer;
    private ChangeListener listener;

    @PostConstruct
    void start() {
        settings = FeedSettings.from(config);
        try {
            // Before the application takes connections: nothing stored from now on is skipped.
            cursor = new FeedCursor(messages.newestId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The feed starts from the newest message once the database answers", e);
        }
        running = true;
        deliverer = threads.newThread(this::run);
        deliverer.setName("chat-feed");
        deliverer.start();
        if (settings.announced()) {
            listener = new ChangeListener(settings, instance.id(), inbox::add);
            listener.start(threads);
        }
    }

    /** Starts with the application: the first message must find the feed running. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing is enough: CDI created the bean, and @PostConstruct started the threads
    }

    /**
     * This instance's writer committed a batch and answered its senders: delivered here, on the
     * writer's thread, when nothing unread comes before it (one instance alone: always), as the
     * writer did before there was a feed; otherwise the feed's thread reads the log, batch included.
     */
    void committed(@Observes CommittedBatch batch) {
        if (!running) {
            return;
        }
        delivering.lock();
        try {
            if (cursor == null) {
                cursor = new FeedCursor(batch.precedingId());
            }
            if (cursor.handOnCommitted(batch.precedingId(), batch.messages(), this::deliver)) {
                return;
            }
        } finally {
            delivering.unlock();
        }
        inbox.add(READ);
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.stop();
        }
        inbox.add(READ);
        try {
            deliverer.join(RETRY_MILLIS + settings.poll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                Item item = inbox.poll(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                if (running) {
                    take(item == null ? READ : item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disconnect();
        }
    }

    private void take(Item item) throws InterruptedException {
        boolean reused = reading != null;
        try {
            delivering.lock();
            try {
                takeDelivering(item);
            } finally {
                delivering.unlock();
            }
        } catch (SQLException | RuntimeException e) {
            disconnect();
            if (reused) {
                // A connection left over from before an outage (or a restart of the database) fails
                // on first use after it: that is no outage of its own. Read again at once on a new
                // one; a failure there is reported.
                LOG.log(Level.FINE, "The feed's reading connection failed; reading again on a new one", e);
            } else {
                outages.unreachable(e);
                Thread.sleep(RETRY_MILLIS);
            }
            inbox.add(READ);
        }
    }

    private void takeDelivering(Item item) throws SQLException {
        if (item instanceof Notified notified) {
            if (cursor == null || notified.precedingId() >= cursor.position()) {
                readTheLog();
            }
        } else if (item instanceof Listening) {
            listening.fire(new FeedListening());
            readTheLog();
        } else if (item instanceof Announced announcement) {
            announce(announcement.announcement());
        } else {
            readTheLog();
        }
    }

    /**
     * Reads everything committed after the cursor. Each page is read while the writer is between
     * batches, so it holds no message whose sender has not been answered yet (the ack comes first).
     */
    private void readTheLog() throws SQLException {
        Connection connection = connection();
        if (cursor == null) {
            cursor = new FeedCursor(Messages.newestId(connection));
        }
        Lock settled = writer.settled();
        cursor.catchUp(
                (after, limit) -> {
                    settled.lock();
                    try {
                        return Messages.after(connection, after, limit);
                    } finally {
                        settled.unlock();
                    }
                },
                this::deliver);
        outages.reached();
    }

    /** One message that cannot be delivered must not hold up the ones after it. */
    private void deliver(PostedMessage message) {
        try {
            posted.fire(message);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Delivering message " + message.id() + " failed; the feed carries on", e);
        }
    }

    private void announce(Announcement announcement) {
        try {
            announced.fire(announcement);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Handling " + announcement + " failed; the feed carries on", e);
        }
    }

    private Connection connection() throws SQLException {
        if (reading == null) {
            reading = settings.connect();
        }
        return reading;
    }

    private void disconnect() {
        if (reading != null) {
            try {
                reading.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the feed's reading connection", e);
            }
            reading = null;
        }
    }
}
