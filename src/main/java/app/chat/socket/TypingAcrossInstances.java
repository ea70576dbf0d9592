package app.chat.socket;

import app.chat.feed.Announcement;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import app.chat.schema.ChangeAnnouncements;
import app.chat.schema.ChangeChannels;
import app.chat.schema.PassingNotices;
import app.chat.schema.ThisInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * Typing notices for people connected to other instances: passed on through the database as
 * notifications that are stored nowhere (they may be dropped, as typing notices may anywhere), and
 * delivered by each other instance to its own connections of the room's members or the DM's
 * recipient, never to the typist. The instance where the notice was sent delivers it itself.
 */
@ApplicationScoped
public class TypingAcrossInstances {

    /** One provider: Json's static factories look one up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    PassingNotices notices;

    @Inject
    ChangeAnnouncements announcements;

    @Inject
    ThisInstance instance;

    @Inject
    Connections connections;

    @Inject
    RoomDirectory rooms;

    void inRoom(RoomState room, String user) {
        pass(JSON.createObjectBuilder().add("room", room.id()).add("user", user));
    }

    void direct(String user, String to) {
        pass(JSON.createObjectBuilder().add("to", to).add("user", user));
    }

    private void pass(jakarta.json.JsonObjectBuilder notice) {
        if (announcements.enabled()) {
            notices.send(
                    ChangeChannels.TYPING,
                    notice.add("instance", instance.id()).build().toString());
        }
    }

    void follow(@Observes Announcement announcement) {
        if (!announcement.channel().equals(ChangeChannels.TYPING)) {
            return;
        }
        JsonObject notice;
        try (JsonReader reader = JSON.createReader(new StringReader(announcement.payload()))) {
            notice = reader.readObject();
        }
        if (notice.getString("instance").equals(instance.id())) {
            return;
        }
        String user = notice.getString("user");
        if (notice.containsKey("room")) {
            rooms.byId(notice.getJsonNumber("room").longValue()).ifPresent(room -> {
                String frame = OutboundEvents.typingInRoom(room.name(), user);
                room.members().stream()
                        .filter(member -> !member.equals(user))
                        .forEach(member -> connections.sendDroppableToUser(member, frame));
            });
        } else {
            String to = notice.getString("to");
            connections.sendDroppableToUser(to, OutboundEvents.typingDirect(user, to));
        }
    }
}
