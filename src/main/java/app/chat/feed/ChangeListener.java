package app.chat.feed;

import app.chat.schema.ChangeChannels;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The instance's ear on the database: on a connection of its own (outside the pool, autocommit, TCP
 * keep-alive, application name {@code chat-feed}) it LISTENs on the change channels and passes on,
 * in the order PostgreSQL delivered them (commit order), what the other instances committed and
 * every room announcement. Its own messages it skips: its writer hands those to the feed directly.
 * After any failure it connects again and asks the feed to read the log, since notifications sent
 * while it was away are gone.
 */
final class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());

    private static final long RETRY_MILLIS = 500;

    private final FeedSettings settings;
    private final String thisInstance;
    private final Consumer<DatabaseFeed.Item> heard;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    ChangeListener(FeedSettings settings, String thisInstance, Consumer<DatabaseFeed.Item> heard) {
        this.settings = settings;
        this.thisInstance = thisInstance;
        this.heard = heard;
    }

    void start(ManagedThreadFactory threads) {
        running = true;
        thread = threads.newThread(this::run);
        thread.setName("chat-feed-listener");
        thread.start();
    }

    void stop() {
        running = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.close(); // ends a wait for notifications at once
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the feed's listening connection", e);
            }
        }
        try {
            thread.join(RETRY_MILLIS + settings.poll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (Connection listening = settings.connect()) {
                connection = listening;
                listen(listening);
            } catch (SQLException | RuntimeException e) {
                // Not reported as an outage: the writer and the feed's reads report those, and a
                // listener reconnecting while the database starts up would report one after it
                // answered again. Missed notifications cost a poll interval at most.
                if (running) {
                    LOG.log(Level.FINE, "The feed's listening connection failed; connecting again", e);
                    pause();
                }
            } finally {
                connection = null;
            }
        }
    }

    private void listen(Connection listening) throws SQLException {
        try (Statement listen = listening.createStatement()) {
            for (String channel : ChangeChannels.ALL) {
                listen.execute("listen " + channel);
            }
        }
        // Whatever was committed while nobody listened.
        heard.accept(new DatabaseFeed.Listening());
        PGConnection notifications = listening.unwrap(PGConnection.class);
        int wait = (int) settings.poll().toMillis();
        while (running) {
            PGNotification[] received = notifications.getNotifications(wait);
            if (received == null) {
                continue;
            }
            for (PGNotification notification : received) {
                DatabaseFeed.Item item = item(notification.getName(), notification.getParameter(), thisInstance);
                if (item != null) {
                    heard.accept(item);
                }
            }
        }
    }

    /**
     * What a notification means for the feed: null for this instance's own messages. A message
     * notification's payload is "{preceding id} {instance}" (app.chat.messages.Messages).
     */
    static DatabaseFeed.Item item(String channel, String payload, String thisInstance) {
        if (!channel.equals(ChangeChannels.MESSAGES)) {
            return new DatabaseFeed.Announced(new Announcement(channel, payload));
        }
        int space = payload.indexOf(' ');
        if (space < 0) {
            return new DatabaseFeed.ReadTheLog();
        }
        if (payload.substring(space + 1).equals(thisInstance)) {
            return null;
        }
        try {
            return new DatabaseFeed.Notified(Long.parseLong(payload.substring(0, space)));
        } catch (NumberFormatException e) {
            return new DatabaseFeed.ReadTheLog();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
