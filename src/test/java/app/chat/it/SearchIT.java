package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Search: by words, over the caller's rooms and direct conversations only, ranked and paged, with
 * snippets; filters by room, conversation, author and period; messages as they are now.
 */
class SearchIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    /** A word nobody else's test uses, so that results are only this test's messages. */
    private static String word(String prefix) {
        return unique(prefix).replaceAll("[^a-z0-9]", "");
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    private static List<JsonObject> results(JsonObject answer) {
        return answer.getJsonArray("results").getValuesAs(JsonObject.class);
    }

    private static List<Long> ids(JsonObject answer) {
        return results(answer).stream().map(SearchIT::id).toList();
    }

    private static String snippetText(JsonObject result) {
        return result.getJsonArray("snippet").getValuesAs(JsonObject.class).stream()
                .map(run -> run.getString("text"))
                .collect(Collectors.joining());
    }

    private static List<String> matches(JsonObject result) {
        return result.getJsonArray("snippet").getValuesAs(JsonObject.class).stream()
                .filter(run -> run.getBoolean("match"))
                .map(run -> run.getString("text"))
                .toList();
    }

    @Test
    void findsMessagesHoldingEveryWordWithTheMatchesMarkedInTheirSnippets() {
        String room = unique("search");
        String release = word("release");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long both = id(alice.post(room, "Shall we move the " + release + " to Friday?"));
            alice.post(room, "The " + release + " notes are ready");
            alice.post(room, "Friday lunch, anyone?");

            JsonObject answer = alice.ok(frame("search", "query", release + " friday"));
            assertEquals("search_results", answer.getString("type"));
            assertEquals(List.of(both), ids(answer), "every word must occur");
            JsonObject found = results(answer).get(0);
            assertEquals(room, found.getString("room"));
            assertEquals("Shall we move the " + release + " to Friday?", snippetText(found));
            assertEquals(List.of(release, "Friday"), matches(found), "matched whole words, whatever their case");
            assertFalse(answer.containsKey("next"));
        }
    }

    @Test
    void neverFindsAnotherPersonsDirectMessagesOrAPrivateRoomOneIsNotIn() {
        String secret = word("secret");
        String privateRoom = unique("private");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId);
                ChatClient eve = connect(unique("eve"))) {
            alice.ok(frame("create_room", "room", privateRoom, "private", true));
            long inRoom = id(alice.post(privateRoom, "the " + secret + " plan"));
            long direct = id(alice.dm(bobId, "the " + secret + " password"));

            assertEquals(List.of(), ids(eve.ok(frame("search", "query", secret))));
            assertEquals(
                    "not_found",
                    eve.request(frame("search", "query", secret, "room", privateRoom))
                            .getString("code"));
            assertEquals(List.of(direct), ids(bob.ok(frame("search", "query", secret))), "bob is in the DM only");
            assertEquals(
                    List.of(direct, inRoom).stream().sorted().toList(),
                    ids(alice.ok(frame("search", "query", secret))).stream()
                            .sorted()
                            .toList());
        }
    }

    @Test
    void narrowsToARoomAConversationAnAuthorOrAPeriod() throws InterruptedException {
        String topic = word("topic");
        String room = unique("here");
        String other = unique("there");
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient bob = connect(bobId)) {
            alice.join(room);
            alice.join(other);
            bob.join(room);
            long aliceHere = id(alice.post(room, topic + " by alice here"));
            long bobHere = id(bob.post(room, topic + " by bob here"));
            long aliceThere = id(alice.post(other, topic + " by alice there"));
            Thread.sleep(20);
            Instant between = Instant.now();
            Thread.sleep(20);
            long direct = id(alice.dm(bobId, topic + " between us"));

            assertEquals(
                    List.of(aliceHere, bobHere),
                    ids(alice.ok(frame("search", "query", topic, "room", room))).stream()
                            .sorted()
                            .toList());
            assertEquals(List.of(direct), ids(alice.ok(frame("search", "query", topic, "with", bobId))));
            assertEquals(List.of(bobHere), ids(alice.ok(frame("search", "query", topic, "from", bobId))));
            assertEquals(List.of(direct), ids(alice.ok(frame("search", "query", topic, "after", between.toString()))));
            assertEquals(
                    List.of(aliceHere, bobHere, aliceThere),
                    ids(alice.ok(frame("search", "query", topic, "before", between.toString()))).stream()
                            .sorted()
                            .toList());
        }
    }

    @Test
    void findsMessagesAsTheyAreNow() {
        String room = unique("now");
        String before = word("draft");
        String after = word("final");
        String gone = word("gone");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long edited = id(alice.post(room, "the " + before + " text"));
            long deleted = id(alice.post(room, "a " + gone + " message"));
            alice.ok(frame("edit", "id", edited, "content", "the " + after + " text"));
            alice.ok(frame("delete", "id", deleted));

            assertEquals(List.of(), ids(alice.ok(frame("search", "query", before))));
            assertEquals(List.of(edited), ids(alice.ok(frame("search", "query", after))));
            assertEquals(List.of(), ids(alice.ok(frame("search", "query", gone))));
        }
    }

    @Test
    void resultsComeBestFirstInPages() {
        String room = unique("pages");
        String term = word("term");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            for (int i = 0; i < 4; i++) {
                alice.post(room, term + " mentioned once, message " + i);
            }
            long best = id(alice.post(room, term + " " + term + " " + term + " mentioned three times"));

            JsonObject first = alice.ok(frame("search", "query", term, "limit", 3));
            assertEquals(best, ids(first).get(0), "the message with the word most often ranks first");
            assertEquals(3, first.getInt("next"));
            JsonObject second = alice.ok(frame("search", "query", term, "limit", 3, "offset", 3));
            assertEquals(2, ids(second).size());
            assertTrue(ids(second).stream().noneMatch(ids(first)::contains), "pages do not overlap");
        }
    }

    @Test
    void aSearchIsCheckedLikeAnyRequest() {
        try (ChatClient alice = connect(unique("alice"))) {
            for (JsonObject refused : List.of(
                    alice.request(frame("search", "query", "   ")),
                    alice.request(frame("search", "query", "x".repeat(201))),
                    alice.request(frame("search", "query", "x", "before", "yesterday")),
                    alice.request(frame("search", "query", "x", "room", "general", "with", "bob")),
                    alice.request(frame("search", "query", "x", "limit", 51)))) {
                assertEquals("bad_request", refused.getString("code"), refused.toString());
            }
            assertEquals(
                    "unknown_user",
                    alice.request(frame("search", "query", "x", "with", unique("nobody")))
                            .getString("code"));
            assertEquals(List.of(), ids(alice.ok(frame("search", "query", "?!"))), "no searchable word, nothing found");
        }
    }
}
