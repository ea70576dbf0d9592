package app.chat.presence;

import app.chat.users.User;
import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.function.BiConsumer;

/** A person as the listings show them (people, members, the watched): id, display name, online now. */
public record ListedPerson(String id, String name, boolean online) {

    /** These people as they stand now. */
    public static List<ListedPerson> of(List<User> people, Presence presence) {
        return people.stream()
                .map(user -> new ListedPerson(user.id(), user.name(), presence.isOnline(user.id())))
                .toList();
    }

    /** An array of them under {@code field}, each object completed by {@code more} (fields of a listing's own). */
    public static void writeAll(
            JsonGenerator json, String field, List<ListedPerson> people, BiConsumer<ListedPerson, JsonGenerator> more) {
        json.writeStartArray(field);
        for (ListedPerson person : people) {
            json.writeStartObject()
                    .write("id", person.id())
                    .write("name", person.name())
                    .write("online", person.online());
            more.accept(person, json);
            json.writeEnd();
        }
        json.writeEnd();
    }

    public static void writeAll(JsonGenerator json, String field, List<ListedPerson> people) {
        writeAll(json, field, people, (person, object) -> {});
    }
}
