package app.chat.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/asyncapi.yaml as the tests use it: the payload schema of every request the server receives
 * and of every frame it sends, by {@code type}, and which answers each request may get. Schemas are
 * checked by a JSON Schema validator, never by hand.
 */
public final class ProtocolContract {

    public static final Path DOCUMENT = Path.of("docs", "asyncapi.yaml");
    /** Where the validator finds the document; its $refs resolve against it. */
    private static final String DOCUMENT_IRI = "https://chat.example/docs/asyncapi.yaml";

    /** Strict like the server: a key given twice makes a frame unreadable. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Read once per test JVM; immutable after. */
    private static final ProtocolContract CONTRACT = read(DOCUMENT);

    private final Map<String, Set<Schema>> requests;
    private final Map<String, Set<Schema>> serverFrames;
    private final Map<String, Set<String>> answers;

    private ProtocolContract(
            Map<String, Set<Schema>> requests,
            Map<String, Set<Schema>> serverFrames,
            Map<String, Set<String>> answers) {
        this.requests = requests;
        this.serverFrames = serverFrames;
        this.answers = answers;
    }

    public static ProtocolContract contract() {
        return CONTRACT;
    }

    static ProtocolContract read(Path document) {
        String yaml;
        try {
            yaml = Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode root = new YAMLMapper().readTree(yaml);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_7, builder -> builder.schemas(Map.of(DOCUMENT_IRI, yaml)));
        Map<String, Set<Schema>> requests = new TreeMap<>();
        Map<String, Set<Schema>> serverFrames = new TreeMap<>();
        Map<String, Set<String>> answers = new TreeMap<>();
        for (JsonNode operation : root.get("operations")) {
            boolean received = operation.get("action").asString().equals("receive");
            for (JsonNode message : operation.get("messages")) {
                Payload payload = payload(root, registry, message);
                if (received) {
                    requests.computeIfAbsent(payload.type(), type -> new LinkedHashSet<>())
                            .add(payload.schema());
                    Set<String> replies = answers.computeIfAbsent(payload.type(), type -> new LinkedHashSet<>());
                    for (JsonNode reply : operation.path("reply").path("messages")) {
                        Payload answer = payload(root, registry, reply);
                        replies.add(answer.type());
                        serverFrames
                                .computeIfAbsent(answer.type(), type -> new LinkedHashSet<>())
                                .add(answer.schema());
                    }
                } else {
                    serverFrames
                            .computeIfAbsent(payload.type(), type -> new LinkedHashSet<>())
                            .add(payload.schema());
                }
            }
        }
        return new ProtocolContract(frozen(requests), frozen(serverFrames), frozen(answers));
    }

    private static <T> Map<String, Set<T>> frozen(Map<String, Set<T>> sets) {
        Map<String, Set<T>> copy = new TreeMap<>();
        sets.forEach((key, set) -> copy.put(key, Collections.unmodifiableSet(new LinkedHashSet<>(set))));
        return Collections.unmodifiableMap(copy);
    }

    private record Payload(String type, Schema schema) {}

    /** Follows a message reference (channel message, then component message) to its payload schema. */
    private static Payload payload(JsonNode root, SchemaRegistry registry, JsonNode reference) {
        JsonNode message = resolve(root, reference);
        String schemaPointer = message.get("payload").get("$ref").asString();
        JsonNode schema = resolve(root, message.get("payload"));
        String type = schema.get("properties").get("type").get("const").asString();
        return new Payload(type, registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + schemaPointer)));
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        while (node.has("$ref")) {
            node = root.at(node.get("$ref").asString().substring(1));
        }
        return node;
    }

    /** A frame as a JSON object, read as strictly as the server reads it; null when it is not one. */
    static JsonNode readObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node.isObject() ? node : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The request types the contract names. */
    public Set<String> requestTypes() {
        return requests.keySet();
    }

    /** What a request of this type may be answered with (its result or an error). */
    public Set<String> answersTo(String requestType) {
        return answers.getOrDefault(requestType, Set.of("error"));
    }

    /** Why a frame the server sent breaks the contract; empty when it keeps it. */
    public List<String> breachesOfServerFrame(String text) {
        return breaches(text, serverFrames, "server frame");
    }

    /** Why a request breaks the contract (the server must then refuse it); empty when it keeps it. */
    public List<String> breachesOfRequest(String text) {
        return breaches(text, requests, "request");
    }

    private List<String> breaches(String text, Map<String, Set<Schema>> byType, String what) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return List.of("the " + what + " is not JSON: " + notJson.getMessage());
        }
        String type = frame.path("type").asString(null);
        Set<Schema> schemas = type == null ? null : byType.get(type);
        if (schemas == null) {
            return List.of("the contract has no " + what + " of type " + type);
        }
        List<String> breaches = List.of();
        for (Schema schema : schemas) {
            List<Error> errors = schema.validate(frame);
            if (errors.isEmpty()) {
                return List.of();
            }
            breaches = errors.stream().map(Error::toString).toList();
        }
        return breaches;
    }
}
