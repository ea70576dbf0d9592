package app.chat.rooms;

import static app.chat.protocol.Events.event;

import app.chat.presence.ListedPerson;
import java.util.List;

/** The events of rooms and their members, exactly as docs/protocol.md shows them. */
public final class RoomEvents {

    private RoomEvents() {}

    public static String joined(String ref, String room) {
        return event("joined", ref, json -> json.write("room", room));
    }

    public static String left(String ref, String room) {
        return event("left", ref, json -> json.write("room", room));
    }

    public static String roomCreated(String ref, String room, boolean isPrivate) {
        return event("room_created", ref, json -> json.write("room", room).write("private", isPrivate));
    }

    /** An invitation; {@code alreadyMember} only ever in the inviter's answer, for an invitation that changed nothing. */
    public static String invited(String ref, RoomState room, String user, String by, boolean alreadyMember) {
        return event("invited", ref, json -> {
            json.write("room", room.name())
                    .write("private", room.isPrivate())
                    .write("user", user)
                    .write("by", by);
            if (alreadyMember) {
                json.write("already_member", true);
            }
        });
    }

    /** What the invitee's connections hear. */
    public static String invited(RoomDirectory.Invited invitation) {
        return invited(null, invitation.room(), invitation.user(), invitation.by(), false);
    }

    public static String members(
            String ref, String room, List<ListedPerson> members, int count, int online, String next) {
        return event("members", ref, json -> {
            json.write("room", room);
            ListedPerson.writeAll(json, "members", members);
            json.write("count", count).write("online", online);
            if (next != null) {
                json.write("next", next);
            }
        });
    }
}
