package app.chat.feed;

import app.chat.messages.Messages;
import app.chat.messages.PostedMessage;
import app.chat.schema.ChangeChannels;
import app.chat.schema.DatabaseOutages;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The one reader per instance: on a connection of its own (outside the pool, autocommit, TCP
 * keep-alive, application name {@code chat-feed}) it LISTENs on the change channels and, on each
 * notification and at least every {@code chat.feed.poll-millis}, fires the announcements it got and
 * then every message committed after its cursor, in id order, whichever instance stored it. Local
 * delivery observes those events, so a message stored here is delivered exactly like one stored
 * elsewhere and never overtakes an earlier one. On any failure it reconnects, listens again and
 * catches up from its cursor: nothing is lost or repeated.
 */
@ApplicationScoped
public class DatabaseFeed {

    private static final Logger LOG = Logger.getLogger(DatabaseFeed.class.getName());

    /** What a failed connection waits before the next attempt: the database may be restarting. */
    private static final Duration RETRY = Duration.ofMillis(500);

    @Inject
    Config config;

    @Inject
    Event<PostedMessage> posted;

    @Inject
    Event<Announcement> announced;

    @Inject
    DatabaseOutages outages;

    @Resource
    ManagedThreadFactory threads;

    private FeedSettings settings;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile FeedCursor cursor;
    private Thread reader;

    @Inject
    Messages messages;

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
        reader = threads.newThread(this::run);
        reader.setName("chat-feed");
        reader.start();
    }

    /** Starts with the application: the first message must find the reader listening. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing is enough: CDI created the bean, and @PostConstruct started the reader
    }

    @PreDestroy
    void stop() {
        running = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.close(); // ends a wait for notifications at once
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the feed connection", e);
            }
        }
        try {
            reader.join(RETRY.toMillis() + settings.poll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                follow(listening);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    outages.unreachable(e);
                    pause();
                }
            } finally {
                connection = null;
            }
        }
    }

    private void follow(Connection listening) throws SQLException {
        if (settings.announced()) {
            try (Statement listen = listening.createStatement()) {
                listen.execute("listen " + ChangeChannels.MESSAGES);
                listen.execute("listen " + ChangeChannels.ROOMS);
            }
        }
        if (cursor == null) {
            cursor = new FeedCursor(Messages.newestId(listening));
        }
        // What was committed while this reader was not listening.
        cursor.catchUp((after, limit) -> Messages.after(listening, after, limit), this::deliver);
        PGConnection notifications = listening.unwrap(PGConnection.class);
        int wait = (int) settings.poll().toMillis();
        while (running) {
            PGNotification[] received = notifications.getNotifications(wait);
            if (received != null) {
                for (PGNotification notification : received) {
                    if (!notification.getName().equals(ChangeChannels.MESSAGES)) {
                        announce(new Announcement(notification.getName(), notification.getParameter()));
                    }
                }
            }
            cursor.catchUp((after, limit) -> Messages.after(listening, after, limit), this::deliver);
            outages.reached();
        }
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

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("ApplicationName", "chat-feed");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        // The driver in the WAR, not DriverManager: servers do not register drivers of applications.
        Connection opened = new org.postgresql.Driver().connect(settings.url(), properties);
        if (opened == null) {
            throw new SQLException("chat.db.url is not a PostgreSQL URL: " + settings.url());
        }
        opened.setAutoCommit(true);
        return opened;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
