package app.chat.reads;

import static app.chat.protocol.Events.event;

/**
 * A person read a conversation up to message {@code id}, on some instance: every connection of
 * theirs hears of it. Exactly one of {@code room} (its name) and {@code with} is set.
 */
public record ReadMarked(String user, String room, String with, long id) {

    /** The {@code read} event every connection of the person gets. */
    public String asEvent() {
        return event("read", null, json -> {
            if (room != null) {
                json.write("room", room);
            } else {
                json.write("with", with);
            }
            json.write("id", id);
        });
    }
}
