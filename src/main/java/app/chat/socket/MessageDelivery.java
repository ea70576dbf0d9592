package app.chat.socket;

import app.chat.messages.MessageEvents;
import app.chat.messages.PostedMessage;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Fans a stored message out to every open connection of everyone entitled to it: the room's members,
 * or the two people of a direct message. Called by the feed (app.chat.feed), one message at a time
 * in id order, whichever instance stored it, and only queues frames, so it never waits on a client.
 */
@ApplicationScoped
public class MessageDelivery {

    @Inject
    Connections connections;

    @Inject
    RoomDirectory rooms;

    void deliver(@Observes PostedMessage message) {
        String frame = MessageEvents.posted(message);
        if (message.isDirect()) {
            connections.deliverToUser(message.from(), message.id(), frame);
            if (!message.to().equals(message.from())) {
                connections.deliverToUser(message.to(), message.id(), frame);
            }
            return;
        }
        RoomState room = rooms.byId(message.roomId())
                .orElseThrow(() -> new IllegalStateException("message " + message.id() + " is for an unknown room"));
        for (String member : room.members()) {
            connections.deliverToUser(member, message.id(), frame);
        }
    }
}
