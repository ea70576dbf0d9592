package app.chat.protocol;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The envelope every server frame shares: one JSON object with its {@code type} first and the
 * {@code ref} of the request it answers last. Each feature writes the body of its own events.
 */
public final class Events {

    /** ISO-8601 in UTC, always with milliseconds (Instant.toString drops them when they are zero). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private Events() {}

    /** An event of this type; {@code ref} is null for events that answer no request. */
    public static String event(String type, String ref, Consumer<JsonGenerator> body) {
        StringWriter text = new StringWriter(128);
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            json.writeStartObject().write("type", type);
            body.accept(json);
            if (ref != null) {
                json.write("ref", ref);
            }
            json.writeEnd();
        }
        return text.toString();
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
