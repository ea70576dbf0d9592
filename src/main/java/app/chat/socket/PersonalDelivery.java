package app.chat.socket;

import app.chat.reads.ReadMarked;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Events meant for one person on every device, from whichever instance they came: a conversation
 * read, an invitation into a room.
 */
@ApplicationScoped
public class PersonalDelivery {

    @Inject
    Connections connections;

    void read(@Observes ReadMarked read) {
        connections.sendToUser(read.user(), read.asEvent());
    }

    /** Inviting oneself (into a room one is in) tells nobody anything new. */
    void invited(@Observes RoomDirectory.Invited invitation) {
        if (!invitation.user().equals(invitation.by())) {
            connections.sendToUser(invitation.user(), RoomEvents.invited(invitation));
        }
    }
}
