package app.chat.feed;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;

/**
 * A notification some instance (this one included) sent on one of the change channels, fired on the
 * feed's reader thread in the order the notifying transactions committed, before the messages read
 * after it.
 */
public record Announcement(String channel, String payload) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * The payload of a notice passed on {@code channel} as a JSON object naming the instance that
     * sent it, unless that was {@code thisInstance} (which acted on it before passing it on).
     */
    public Optional<JsonObject> fromAnotherInstance(String channel, String thisInstance) {
        if (!this.channel.equals(channel)) {
            return Optional.empty();
        }
        JsonObject notice;
        try (JsonReader reader = JSON.createReader(new StringReader(payload))) {
            notice = reader.readObject();
        }
        return notice.getString("instance").equals(thisInstance) ? Optional.empty() : Optional.of(notice);
    }
}
