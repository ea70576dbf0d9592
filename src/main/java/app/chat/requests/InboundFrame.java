package app.chat.requests;

import app.chat.protocol.Characters;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * Requests are flat objects; a little nesting is tolerated for forward compatibility, deeper
     * structures only cost memory and stack.
     */
    static final int MAX_DEPTH = 4;

    /**
     * Numbers the protocol uses are ids and counts. A literal outside this shape (hundreds of
     * digits, exponents that expand to megabytes when made exact) is refused before it is
     * turned into a number at all.
     */
    private static final Pattern NUMBER =
            Pattern.compile("-?(?:0|[1-9][0-9]{0,19})(?:\\.[0-9]{1,20})?(?:[eE][+-]?[0-9]{1,2})?");

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /**
     * Looked up once: {@code Json.createValue} looks the provider up on every call, which on Payara
     * scans the application's class path each time (BENCHMARKS.md, hardening round).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = JSON.createBuilderFactory(Map.of());

    private final Map<String, JsonValue> fields;
    private final String ref;

    private InboundFrame(Map<String, JsonValue> fields, String ref) {
        this.fields = fields;
        this.ref = ref;
    }

    /** A frame that could not be read; carries its {@code ref} when that was read before the fault. */
    public static final class Unreadable extends RequestRejected {

        private final String ref;

        Unreadable(String ref, String message) {
            super(ErrorCode.BAD_REQUEST, message);
            this.ref = ref;
        }

        public Optional<String> ref() {
            return Optional.ofNullable(ref);
        }
    }

    /**
     * Reads a frame with the streaming parser, so that depth, number sizes and duplicate keys are
     * checked as they are met rather than after the parser built whatever it was sent.
     *
     * @throws Unreadable when the text is not a JSON object the protocol can use
     */
    public static InboundFrame parse(String text) {
        Map<String, JsonValue> fields = new HashMap<>();
        String ref = null;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw new Unreadable(null, "a frame must be a JSON object");
            }
            for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                if (fields.containsKey(key)) {
                    throw new Unreadable(ref, "the key \"" + abbreviated(key) + "\" appears twice");
                }
                JsonValue value = value(parser, parser.next(), 1, ref);
                fields.put(key, value);
                if (key.equals("ref")) {
                    ref = ref(value);
                }
            }
            if (parser.hasNext()) {
                throw new Unreadable(ref, "a frame must hold exactly one JSON object");
            }
        } catch (Unreadable unreadable) {
            throw unreadable;
        } catch (RuntimeException malformed) {
            // JsonParsingException, and whatever else a parser throws on text it cannot read.
            throw new Unreadable(ref, "the frame is not valid JSON");
        }
        return new InboundFrame(fields, ref);
    }

    private static JsonValue value(JsonParser parser, Event event, int depth, String ref) {
        return switch (event) {
            case VALUE_STRING -> JSON.createValue(parser.getString());
            case VALUE_NUMBER -> number(parser.getString(), ref);
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            case START_ARRAY -> {
                requireDepth(depth, ref);
                JsonArrayBuilder array = BUILDERS.createArrayBuilder();
                for (Event next = parser.next(); next != Event.END_ARRAY; next = parser.next()) {
                    array.add(value(parser, next, depth + 1, ref));
                }
                yield array.build();
            }
            case START_OBJECT -> {
                requireDepth(depth, ref);
                JsonObjectBuilder object = BUILDERS.createObjectBuilder();
                for (Event next = parser.next(); next != Event.END_OBJECT; next = parser.next()) {
                    object.add(parser.getString(), value(parser, parser.next(), depth + 1, ref));
                }
                yield object.build();
            }
            default -> throw new Unreadable(ref, "the frame is not valid JSON");
        };
    }

    private static void requireDepth(int depth, String ref) {
        if (depth >= MAX_DEPTH) {
            throw new Unreadable(ref, "the frame is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private static JsonValue number(String literal, String ref) {
        if (!NUMBER.matcher(literal).matches()) {
            throw new Unreadable(ref, "the number " + abbreviated(literal) + " is too long or too large");
        }
        return JSON.createValue(new BigDecimal(literal));
    }

    private static String ref(JsonValue value) {
        if (value == JsonValue.NULL) {
            return null;
        }
        // The ref is echoed back: it must be text the socket can encode (no unpaired surrogate).
        if (!(value instanceof JsonString refText)
                || refText.getString().length() > MAX_REF_LENGTH
                || !Characters.isStorable(refText.getString())) {
            throw new Unreadable(null, "ref must be a string of at most " + MAX_REF_LENGTH + " characters");
        }
        return refText.getString();
    }

    public Optional<String> ref() {
        return Optional.ofNullable(ref);
    }

    public String type() {
        return requiredString("type");
    }

    public String requiredString(String field) {
        JsonValue value = fields.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw badRequest("\"" + field + "\" is required");
        }
        if (!(value instanceof JsonString text)) {
            throw badRequest("\"" + field + "\" must be a string");
        }
        return text.getString();
    }

    public Optional<String> optionalString(String field) {
        JsonValue value = fields.get(field);
        return value == null || value == JsonValue.NULL ? Optional.empty() : Optional.of(requiredString(field));
    }

    public String userId(String field) {
        String id = requiredString(field);
        if (!isUserId(id)) {
            throw badRequest("\"" + field + "\" must be a user id of 1 to " + MAX_USER_ID_LENGTH
                    + " characters without control characters");
        }
        return id;
    }

    /** A required array of at most {@code max} distinct user ids (repeats count once), in the order given. */
    public Set<String> userIds(String field, int max) {
        JsonValue value = fields.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw badRequest("\"" + field + "\" is required");
        }
        if (!(value instanceof JsonArray array) || array.size() > max) {
            throw badRequest("\"" + field + "\" must be an array of at most " + max + " user ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonString text) || !isUserId(text.getString())) {
                throw badRequest("\"" + field + "\" must hold user ids of 1 to " + MAX_USER_ID_LENGTH
                        + " characters without control characters");
            }
            ids.add(text.getString());
        }
        return ids;
    }

    /** An optional UUID in its canonical 8-4-4-4-12 hexadecimal form. */
    public Optional<UUID> optionalUuid(String field) {
        JsonValue value = fields.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text
                && UUID_TEXT.matcher(text.getString()).matches()) {
            return Optional.of(UUID.fromString(text.getString()));
        }
        throw badRequest("\"" + field + "\" must be a UUID such as 3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f");
    }

    public boolean optionalBoolean(String field, boolean absent) {
        JsonValue value = fields.get(field);
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
        JsonValue value = fields.get(field);
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

    /** A required whole number within [min, max]. */
    public long requiredLong(String field, long min, long max) {
        return optionalLong(field, min, max)
                .orElseThrow(
                        () -> badRequest("\"" + field + "\" is required: a whole number from " + min + " to " + max));
    }

    private static boolean isUserId(String id) {
        return !id.isEmpty() && id.length() <= MAX_USER_ID_LENGTH && Characters.isPlain(id);
    }

    private static RequestRejected badRequest(String message) {
        return new RequestRejected(ErrorCode.BAD_REQUEST, message);
    }

    /** Client text echoed into an error stays short and printable. */
    public static String abbreviated(String text) {
        if (!Characters.isPlain(text)) {
            return "(unprintable)";
        }
        return text.codePointCount(0, text.length()) <= 64
                ? text
                : text.substring(0, text.offsetByCodePoints(0, 64)) + "…";
    }
}
