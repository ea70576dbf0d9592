package app.chat.presence;

import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A person as the listings show them (people, members, the watched): id, display name, the e-mail
 * address the directory holds (or null), and whether
 * they are online now, or null where their presence is hidden from the one asking ({@link
 * PresenceVisibility}).
 */
public record ListedPerson(String id, String name, String email, Boolean online) {

    /** Someone without an address in the directory. */
    public ListedPerson(String id, String name, Boolean online) {
        this(id, name, null, online);
    }

    /** An array of them under {@code field}, each object completed by {@code more} (fields of a listing's own). */
    public static void writeAll(
            JsonGenerator json, String field, List<ListedPerson> people, BiConsumer<ListedPerson, JsonGenerator> more) {
        json.writeStartArray(field);
        for (ListedPerson person : people) {
            json.writeStartObject().write("id", person.id()).write("name", person.name());
            if (person.email() != null) {
                json.write("email", person.email());
            }
            if (person.online() == null) {
                json.write("presence_hidden", true);
            } else {
                json.write("online", person.online());
            }
            more.accept(person, json);
            json.writeEnd();
        }
        json.writeEnd();
    }

    public static void writeAll(JsonGenerator json, String field, List<ListedPerson> people) {
        writeAll(json, field, people, (person, object) -> {});
    }
}
