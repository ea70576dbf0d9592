package app.chat.feed;

import app.chat.schema.ChangeChannels;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * How this instance follows the others (docs/configuration.md): {@code chat.feed.poll-millis}, how
 * long the reader waits for a notification before it reads the log anyway (what a lost notification
 * or a silently dead connection can cost), whether writes announce themselves at all
 * ({@link ChangeChannels#announced}), and the database to listen to (the data source's settings).
 */
public record FeedSettings(Duration poll, boolean announced, String url, String user, String password) {

    public static FeedSettings from(Config config) {
        int pollMillis =
                config.getOptionalValue("chat.feed.poll-millis", Integer.class).orElse(1000);
        if (pollMillis < 10) {
            throw new IllegalArgumentException("chat.feed.poll-millis must be at least 10, not " + pollMillis);
        }
        return new FeedSettings(
                Duration.ofMillis(pollMillis),
                ChangeChannels.announced(config),
                config.getValue("chat.db.url", String.class),
                config.getValue("chat.db.user", String.class),
                config.getOptionalValue("chat.db.password", String.class).orElse(""));
    }

    /** Without the password: settings end up in logs. */
    @Override
    public String toString() {
        return "FeedSettings[poll=" + poll + ", announced=" + announced + ", url=" + url + ", user=" + user + "]";
    }

    /**
     * A connection of the feed's own, outside the pool: autocommit, TCP keep-alive, a short connect
     * timeout, and the application name {@code chat-feed}, by which operators find it.
     */
    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "chat-feed");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        // The driver in the WAR, not DriverManager: servers do not register drivers of applications.
        Connection opened = new org.postgresql.Driver().connect(url, properties);
        if (opened == null) {
            throw new SQLException("chat.db.url is not a PostgreSQL URL: " + url);
        }
        opened.setAutoCommit(true);
        return opened;
    }
}
