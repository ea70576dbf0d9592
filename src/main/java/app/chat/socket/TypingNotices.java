package app.chat.socket;

import app.chat.feed.Announcement;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import app.chat.schema.ChangeChannels;
import app.chat.schema.PassingNotices;
import app.chat.schema.ThisInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

/**
 * Typing notices, delivered to this instance's connections of the room's members or the DM's
 * recipient (never to the typist), and passed on to the other instances through the database as
 * notifications that are stored nowhere (they may be dropped, as typing notices may anywhere); each
 * other instance delivers them to its own connections the same way.
 */
@ApplicationScoped
public class TypingNotices {

    /** One provider: Json's static factories look one up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    PassingNotices notices;

    @Inject
    ThisInstance instance;

    @Inject
    Connections connections;

    @Inject
    RoomDirectory rooms;

    /** Delivers here and passes on; returns the frames queued here. */
    int inRoom(RoomState room, String user) {
        notices.passOn(
                ChangeChannels.TYPING,
                JSON.createObjectBuilder().add("room", room.id()).add("user", user));
        return deliverInRoom(room, user);
    }

    /** Delivers here and passes on; returns the frames queued here. */
    int direct(String user, String to) {
        notices.passOn(
                ChangeChannels.TYPING, JSON.createObjectBuilder().add("to", to).add("user", user));
        return deliverDirect(user, to);
    }

    private int deliverInRoom(RoomState room, String user) {
        String frame = OutboundEvents.typingInRoom(room.name(), user);
        return room.members().stream()
                .filter(member -> !member.equals(user))
                .mapToInt(member -> connections.sendDroppableToUser(member, frame))
                .sum();
    }

    private int deliverDirect(String user, String to) {
        return connections.sendDroppableToUser(to, OutboundEvents.typingDirect(user, to));
    }

    void follow(@Observes Announcement announcement) {
        announcement.fromAnotherInstance(ChangeChannels.TYPING, instance.id()).ifPresent(notice -> {
            String user = notice.getString("user");
            if (notice.containsKey("room")) {
                rooms.byId(notice.getJsonNumber("room").longValue()).ifPresent(room -> deliverInRoom(room, user));
            } else {
                deliverDirect(user, notice.getString("to"));
            }
        });
    }
}
