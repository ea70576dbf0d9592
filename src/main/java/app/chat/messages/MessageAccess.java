package app.chat.messages;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import app.chat.rooms.RoomDirectory;
import app.chat.rooms.RoomState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may act on a stored message (change it, react to it): someone who may post where it is. A
 * message one cannot see (a private room of others, someone else's direct messages) is answered
 * exactly like an id that does not exist, so that its existence is not revealed.
 */
@ApplicationScoped
public class MessageAccess {

    @Inject
    Messages messages;

    @Inject
    RoomDirectory rooms;

    /** The message, if {@code user} may post where it is; {@code action} names what they tried ("react to"). */
    public MessageHeader postableBy(String user, long id, String action) {
        RequestRejected unknown = new RequestRejected(ErrorCode.NOT_FOUND, "no message with id " + id);
        MessageHeader message = messages.header(id).orElseThrow(() -> unknown);
        if (message.isDirect()) {
            if (!message.between(user)) {
                throw unknown;
            }
            return message;
        }
        RoomState room = rooms.byId(message.roomId()).orElseThrow(() -> unknown);
        if (!room.hasMember(user)) {
            if (room.isPrivate()) {
                throw unknown;
            }
            throw new RequestRejected(ErrorCode.FORBIDDEN, "join " + room.name() + " to " + action + " messages in it");
        }
        return message;
    }

    /** The name of the message's room, or null for a direct message. */
    public String roomName(MessageHeader message) {
        return message.isDirect()
                ? null
                : rooms.byId(message.roomId()).map(RoomState::name).orElse(null);
    }
}
