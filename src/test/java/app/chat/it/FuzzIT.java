package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static app.chat.testsupport.ProtocolContract.contract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated frames on one connection: valid requests of every type with a
 * field replaced by something hostile, removed, doubled or retyped, texts cut short or bit-flipped,
 * and plain noise. Whatever arrives, the answer is a clear error or a result, never
 * {@code internal}; the connection stays usable and the server healthy. Every frame that breaks
 * docs/asyncapi.yaml is refused (ChatClient checks each answer against the contract). The seed is
 * printed, and {@code -Dchat.fuzz.seed} replays a run.
 */
class FuzzIT extends DeployedChat {

    private static final int CASES = Integer.getInteger("chat.fuzz.cases", 4_000);
    private static final int BATCH = 100;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Allowances off, so that the frames reach every handler instead of the rate limiter.
        return ChatDeployment.warWithConfig("""
                chat.rate.reads-per-second=0
                chat.rate.joins-per-minute=0
                chat.rate.rooms-created-per-hour=0
                chat.rate.invites-per-minute=0
                chat.rate.typing-per-second=0
                chat.limit.rooms-per-user=0
                """);
    }

    /** Values that have broken parsers and databases before. */
    private static final List<String> HOSTILE = List.of(
            "9".repeat(1200),
            "1e999999999",
            "-1e-999999999",
            "-0",
            "1.5",
            "1E400",
            "18446744073709551616",
            "-9223372036854775809",
            "true",
            "null",
            "[]",
            "{}",
            "[".repeat(40) + "]".repeat(40),
            "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}",
            "\"\"",
            "\" \"",
            "\"\\u0000\"",
            "\"bob\\u0000\"",
            "\"\\u001b[2J\"",
            "\"\\ud800\"",
            "\"\\udfff x\"",
            "\"\\u202e\\u200b\"",
            "\"%\"",
            "\"%E0%A4%A\"",
            "\"'; drop table messages; --\"",
            "\"" + "x".repeat(10_000) + "\"",
            "\"🎉".repeat(300) + "\"",
            "\"../../etc/passwd\"",
            "\"general\"",
            "\"3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f\"",
            "\"not-a-uuid\"",
            "0",
            "1",
            "-1",
            "2147483648",
            "9223372036854775807");

    /** Every request type of the contract, and one it does not know. */
    private static final List<String> TYPES = Stream.concat(contract().requestTypes().stream(), Stream.of("teleport"))
            .toList();

    @Test
    void noFrameEverGetsInternalAndTheConnectionAndServerStayWell() throws Exception {
        long seed = Long.getLong("chat.fuzz.seed", System.currentTimeMillis());
        System.out.println("FuzzIT seed: " + seed + " (-Dchat.fuzz.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        String room = unique("fuzz");
        String meId = unique("fuzzer");
        String otherId = unique("other");
        try (ChatClient other = connect(otherId);
                ChatClient me = connect(meId)) {
            me.join(room);
            List<JsonObject> seeds = seeds(room, meId, otherId);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                // A ref of its own per case, so that the contract check can match every answer.
                String text = mutate(seeds.get(random.nextInt(seeds.size())), random)
                        .replace("\"ref\":\"s\"", "\"ref\":\"case-" + i + "\"");
                sent.add(text);
                me.sendRaw(text);
                if ((i + 1) % BATCH == 0) {
                    assertEquals("users", me.ok(frame("users")).getString("type"), "usable after case " + i);
                    me.received().stream()
                            .filter(event -> "internal".equals(event.getString("code", null)))
                            .findFirst()
                            .ifPresent(internal -> {
                                throw new AssertionError("internal error " + internal + " among the last " + BATCH
                                        + " frames, e.g. " + sent.subList(sent.size() - BATCH, sent.size()));
                            });
                    sent.clear();
                }
            }
            assertTrue(me.isOpen());
            assertEquals("rooms", me.ok(frame("rooms")).getString("type"));
            String after = unique("after");
            other.join(after);
            other.post(after, "the server still serves everybody");
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
        HttpResponse<String> ready = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.toURI().resolve("/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
    }

    private static List<JsonObject> seeds(String room, String me, String other) {
        String token = TestTokens.forUser(me).sign();
        return List.of(
                frame("join", "room", room, "ref", "s").build(),
                frame("leave", "room", unique("gone"), "ref", "s").build(),
                frame("create_room", "room", unique("new"), "private", true, "ref", "s")
                        .build(),
                frame("invite", "room", room, "user", other, "ref", "s").build(),
                frame("message", "room", room, "content", "hello", "client_id", "3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f")
                        .build(),
                frame("dm", "to", other, "content", "hi", "ref", "s").build(),
                frame("history", "room", room, "limit", 20, "before", 1000, "ref", "s")
                        .build(),
                frame("dm_history", "with", other, "limit", 5, "ref", "s").build(),
                frame("rooms", "member", true, "prefix", "fu", "after", "a", "limit", 10, "ref", "s")
                        .build(),
                frame("users", "ref", "s").build(),
                frame("resume", "after", 0, "ref", "s").build(),
                frame("typing", "room", room).build(),
                frame("typing", "to", other, "ref", "s").build(),
                frame("auth", "token", token, "ref", "s").build());
    }

    private static String mutate(JsonObject seed, Random random) {
        List<String> keys = new ArrayList<>(seed.keySet());
        String key = keys.get(random.nextInt(keys.size()));
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> withRaw(seed, key, HOSTILE.get(random.nextInt(HOSTILE.size())));
            case 3 -> without(seed, key).toString();
            case 4 -> { // the same key twice
                String text = seed.toString();
                yield text.substring(0, text.length() - 1) + ",\"" + key + "\":"
                        + HOSTILE.get(random.nextInt(HOSTILE.size())) + "}";
            }
            case 5 -> withRaw(seed, "type", "\"" + TYPES.get(random.nextInt(TYPES.size())) + "\"");
            case 6 -> { // cut short
                String text = seed.toString();
                yield text.substring(0, random.nextInt(text.length()));
            }
            case 7 -> { // one character changed
                char[] text = seed.toString().toCharArray();
                text[random.nextInt(text.length)] = (char) random.nextInt(0x3000);
                yield new String(text);
            }
            default -> noise(random);
        };
    }

    /** The seed with one field's JSON replaced by raw text (which may not be valid JSON at all). */
    private static String withRaw(JsonObject seed, String key, String raw) {
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, JsonValue> field : seed.entrySet()) {
            if (!field.getKey().equals(key)) {
                text.append(Json.createValue(field.getKey()))
                        .append(':')
                        .append(field.getValue())
                        .append(',');
            }
        }
        return text.append(Json.createValue(key))
                .append(':')
                .append(raw)
                .append('}')
                .toString();
    }

    private static JsonObject without(JsonObject seed, String key) {
        return Json.createObjectBuilder(seed).remove(key).build();
    }

    private static String noise(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        String alphabet = "{}[]\":,0123456789.eE-+truefalsnul \\\u0000\u00ff\u2028";
        for (int i = 0; i < length; i++) {
            text.append(
                    random.nextBoolean()
                            ? alphabet.charAt(random.nextInt(alphabet.length()))
                            : (char) random.nextInt(0xD7FF));
        }
        return text.toString();
    }
}
