package app.chat.rooms;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * A committed change to a room's members, as instances announce it to each other: someone joined or
 * was invited ({@code added}), or left. {@code by} is who invited them (null otherwise), and
 * {@code instance} the instance that made the change.
 */
public record RoomChange(long roomId, String roomName, String user, boolean added, String by, String instance) {

    /** One provider: Json's static factories look one up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public String toJson() {
        var json = JSON.createObjectBuilder()
                .add("room", roomId)
                .add("name", roomName)
                .add("user", user)
                .add("added", added)
                .add("instance", instance);
        if (by != null) {
            json.add("by", by);
        }
        return json.build().toString();
    }

    public static RoomChange fromJson(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            return new RoomChange(
                    json.getJsonNumber("room").longValue(),
                    json.getString("name"),
                    json.getString("user"),
                    json.getBoolean("added"),
                    json.getString("by", null),
                    json.getString("instance"));
        }
    }

    public boolean isInvitation() {
        return added && by != null;
    }
}
