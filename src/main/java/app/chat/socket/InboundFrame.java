package app.chat.socket;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One client request as it arrived: a JSON object with a {@code type} and an optional {@code ref},
 * with typed access to its fields. Every way a frame can be wrong becomes a {@code bad_request}.
 */
public final class InboundFrame {

    /** A ref is the client's correlation id, echoed back; there is no reason for it to be long. */
    static final int MAX_REF_LENGTH = 128;
    /** User ids are token subjects, stored in a varchar(255). */
    static final int MAX_USER_ID_LENGTH = 255;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final JsonObject json;
    private final String ref;

    private InboundFrame(JsonObject json, String ref) {
        this.json = json;
        this.ref = ref;
    }

    /**
     * @throws RequestRejected when the text is not a JSON object or its ref is unusable; such an
     *                         error cannot carry a ref
     */
    public static InboundFrame parse(String text) {
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw badRequest("the frame is not valid JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw badRequest("a frame must be a JSON object");
        }
        JsonValue ref = object.get("ref");
        if (ref == null || ref == JsonValue.NULL) {
            return new InboundFrame(object, null);
        }
        if (!(ref instanceof JsonString refText) || refText.getString().length() > MAX_REF_LENGTH) {
            throw badRequest("ref must be a string of at most " + MAX_REF_LENGTH + " characters");
        }
        return new InboundFrame(object, refText.getString());
    }

    public Optional<String> ref() {
        return Optional.ofNullable(ref);
    }

    public String type() {
        return requiredString("type");
    }

    public String requiredString(String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw badRequest("\"" + field + "\" is required");
        }
        if (!(value instanceof JsonString text)) {
            throw badRequest("\"" + field + "\" must be a string");
        }
        return text.getString();
    }

    public Optional<String> optionalString(String field) {
        JsonValue value = json.get(field);
        return value == null || value == JsonValue.NULL ? Optional.empty() : Optional.of(requiredString(field));
    }

    public String userId(String field) {
        String id = requiredString(field);
        if (id.isEmpty() || id.length() > MAX_USER_ID_LENGTH) {
            throw badRequest("\"" + field + "\" must be a user id of 1 to " + MAX_USER_ID_LENGTH + " characters");
        }
        return id;
    }

    /** An optional UUID in its canonical 8-4-4-4-12 hexadecimal form. */
    public Optional<UUID> optionalUuid(String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text && UUID_TEXT.matcher(text.getString()).matches()) {
            return Optional.of(UUID.fromString(text.getString()));
        }
        throw badRequest("\"" + field + "\" must be a UUID such as 3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f");
    }

    public boolean optionalBoolean(String field, boolean absent) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return absent;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw badRequest("\"" + field + "\" must be true or false");
    }

    /** An optional whole number within [min, max]. */
    public Optional<Long> optionalLong(String field, long min, long max) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                long whole = number.longValueExact();
                if (whole >= min && whole <= max) {
                    return Optional.of(whole);
                }
            } catch (ArithmeticException tooBig) {
                // reported below like any other out-of-range value
            }
        }
        throw badRequest("\"" + field + "\" must be a whole number from " + min + " to " + max);
    }

    private static RequestRejected badRequest(String message) {
        return new RequestRejected(ErrorCode.BAD_REQUEST, message);
    }
}
