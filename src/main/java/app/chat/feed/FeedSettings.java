package app.chat.feed;

import app.chat.schema.ChangeChannels;
import java.time.Duration;
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
}
