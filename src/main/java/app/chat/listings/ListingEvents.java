package app.chat.listings;

import static app.chat.protocol.Events.event;

import app.chat.presence.ListedPerson;
import app.chat.reads.Unread;
import app.chat.rooms.RoomListing;
import app.chat.rooms.RoomPage;
import java.util.List;
import java.util.Map;

/** The {@code rooms} and {@code users} answers, exactly as docs/protocol.md shows them. */
public final class ListingEvents {

    private ListingEvents() {}

    /** Rooms, those in {@code unread} with where the caller stands in them. */
    public static String rooms(String ref, RoomPage page, Map<String, Unread> unread) {
        return event("rooms", ref, json -> {
            if (page.next() != null) {
                json.write("next", page.next());
            }
            json.writeStartArray("rooms");
            for (RoomListing room : page.rooms()) {
                json.writeStartObject()
                        .write("name", room.name())
                        .write("private", room.isPrivate())
                        .write("member", room.member());
                Unread standing = unread.get(room.name());
                if (standing != null) {
                    standing.writeTo(json);
                }
                json.writeEnd();
            }
            json.writeEnd();
        });
    }

    /**
     * People, those in {@code unread} with where the caller stands in the conversation with them;
     * {@code next}, when not null, is the offset of the next page of a search.
     */
    public static String users(String ref, List<ListedPerson> people, Integer next, Map<String, Unread> unread) {
        return event("users", ref, json -> {
            ListedPerson.writeAll(json, "users", people, (person, object) -> {
                Unread standing = unread.get(person.id());
                if (standing != null) {
                    standing.writeTo(object);
                }
            });
            if (next != null) {
                json.write("next", next);
            }
        });
    }
}
