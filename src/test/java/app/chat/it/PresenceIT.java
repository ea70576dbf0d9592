package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatClient.watchFrame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Presence by subscription: a connection hears of the people it watches, every change of theirs,
 * and nobody else's; several connections per person count as one presence.
 */
class PresenceIT extends DeployedChat {

    /** Longer than the grace period the tests run with (CHAT_PRESENCE_GRACE_MS, 1 s). */
    private static final Duration PAST_GRACE = Duration.ofMillis(1_500);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private ChatClient connect(String user, String name) {
        ChatClient client = ChatClient.connect(
                ChatDeployment.webSocket(base),
                TestTokens.forUser(user).name(name).sign());
        client.ok(frame("rooms")); // registered (and online) once it answers
        return client;
    }

    /**
     * People the server knows, offline now: they signed in once and left longer than the grace
     * period ago. Their ids, in the order of the names.
     */
    private List<String> knownAndOffline(String... names) throws InterruptedException {
        List<String> ids = Arrays.stream(names).map(ChatDeployment::unique).toList();
        ids.forEach(id -> connect(id).close());
        Thread.sleep(PAST_GRACE.toMillis());
        return ids;
    }

    private static Predicate<JsonObject> presence(String user, boolean online) {
        return e -> e.getString("type").equals("presence")
                && e.getString("user").equals(user)
                && e.getBoolean("online") == online;
    }

    private static Predicate<JsonObject> anyPresenceOf(String user) {
        return e ->
                e.getString("type").equals("presence") && e.getString("user").equals(user);
    }

    private static JsonObject entry(JsonObject answer, String field, String user) {
        return answer.getJsonArray(field).getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("id").equals(user))
                .findFirst()
                .orElseThrow(() -> new AssertionError(user + " not in " + answer));
    }

    @Test
    void aWatcherHearsWhenTheFirstConnectionOpensAndWhenTheLastHasClosed() throws Exception {
        String bobId = knownAndOffline("bob").get(0);
        try (ChatClient alice = connect(unique("alice"))) {
            alice.watch(bobId);
            ChatClient bob = connect(bobId);
            alice.await(presence(bobId, true));
            ChatClient bobTab2 = connect(bobId);
            bob.close();
            alice.assertNothing(anyPresenceOf(bobId), PAST_GRACE);
            assertTrue(entry(alice.watch(bobId), "users", bobId).getBoolean("online"), "still online in the other tab");
            bobTab2.close();
            alice.await(presence(bobId, false));
            assertFalse(entry(alice.watch(bobId), "users", bobId).getBoolean("online"));
        }
    }

    @Test
    void theAnswerToWatchSaysWhoIsOnlineNowWithTheirNames() throws Exception {
        String carolId = unique("carol");
        String daveId = knownAndOffline("dave").get(0);
        try (ChatClient alice = connect(unique("alice"));
                ChatClient carol = connect(carolId, "Carol Danvers")) {
            JsonObject answer = alice.watch(carolId, daveId);
            assertEquals("Carol Danvers", entry(answer, "users", carolId).getString("name"));
            assertTrue(entry(answer, "users", carolId).getBoolean("online"));
            assertFalse(entry(answer, "users", daveId).getBoolean("online"));
        }
    }

    @Test
    void nobodyHearsOfSomeoneTheyDoNotWatch() throws Exception {
        List<String> people = knownAndOffline("watched", "other");
        String watchedId = people.get(0);
        String otherId = people.get(1);
        try (ChatClient alice = connect(unique("alice"))) {
            alice.watch(watchedId);
            try (ChatClient other = connect(otherId);
                    ChatClient watched = connect(watchedId)) {
                alice.await(presence(watchedId, true));
            }
            alice.await(presence(watchedId, false));
            alice.assertNothing(anyPresenceOf(otherId), Duration.ofMillis(300));
        }
    }

    @Test
    void aNewWatchListReplacesThePreviousOne() throws Exception {
        List<String> people = knownAndOffline("bob", "carol");
        String bobId = people.get(0);
        String carolId = people.get(1);
        try (ChatClient alice = connect(unique("alice"))) {
            alice.watch(bobId);
            alice.watch(carolId);
            try (ChatClient bob = connect(bobId);
                    ChatClient carol = connect(carolId)) {
                alice.await(presence(carolId, true));
                alice.assertNothing(anyPresenceOf(bobId), Duration.ofMillis(300));
            }
            alice.watch();
            try (ChatClient carol = connect(carolId)) {
                alice.assertNothing(anyPresenceOf(carolId), PAST_GRACE);
            }
        }
    }

    /** Reads are answered apart from other requests, but a connection's reads keep their order. */
    @Test
    void watchListsSentBackToBackApplyInTheOrderSent() throws Exception {
        List<String> people = knownAndOffline("bob", "carol");
        String bobId = people.get(0);
        String carolId = people.get(1);
        try (ChatClient alice = connect(unique("alice"))) {
            for (int round = 0; round < 20; round++) {
                alice.sendRaw(watchFrame(round % 2 == 0 ? bobId : carolId)
                        .add("ref", "w" + round)
                        .build()
                        .toString());
            }
            for (int round = 0; round < 20; round++) {
                assertEquals("w" + round, alice.awaitType("watching").getString("ref"));
            }
            try (ChatClient bob = connect(bobId);
                    ChatClient carol = connect(carolId)) {
                alice.await(presence(carolId, true));
                alice.assertNothing(anyPresenceOf(bobId), Duration.ofMillis(300));
            }
        }
    }

    @Test
    void eachConnectionWatchesForItselfAndAReconnectedOneWatchesAgain() throws Exception {
        String aliceId = unique("alice");
        String bobId = knownAndOffline("bob").get(0);
        try (ChatClient watchingTab = connect(aliceId);
                ChatClient otherTab = connect(aliceId)) {
            watchingTab.watch(bobId);
            try (ChatClient bob = connect(bobId)) {
                watchingTab.await(presence(bobId, true));
                otherTab.assertNothing(anyPresenceOf(bobId), Duration.ofMillis(300));
            }
            watchingTab.await(presence(bobId, false));
        }
        try (ChatClient reconnected = connect(aliceId)) {
            try (ChatClient bob = connect(bobId)) {
                reconnected.assertNothing(anyPresenceOf(bobId), Duration.ofMillis(300));
                reconnected.watch(bobId);
            }
            reconnected.await(presence(bobId, false));
        }
    }

    @Test
    void oneDoesNotHearOfOneself() throws Exception {
        String aliceId = unique("alice");
        try (ChatClient alice = connect(aliceId)) {
            alice.watch(aliceId);
            try (ChatClient secondTabAfterTheLast = connect(aliceId)) {
                secondTabAfterTheLast.ok(frame("rooms"));
            }
            alice.assertNothing(anyPresenceOf(aliceId), PAST_GRACE);
        }
    }

    @Test
    void idsOfNobodyTheServerHasSeenAreAnsweredAsUnknownAndTheOthersAreWatched() throws Exception {
        String bobId = knownAndOffline("bob").get(0);
        String nobody = unique("nobody");
        try (ChatClient alice = connect(unique("alice"))) {
            JsonObject answer = alice.watch(nobody, bobId);
            assertEquals(List.of(nobody), answer.getJsonArray("unknown").getValuesAs(JsonString::getString));
            assertEquals(bobId, answer.getJsonArray("users").getJsonObject(0).getString("id"));
            try (ChatClient bob = connect(bobId)) {
                alice.await(presence(bobId, true));
            }
            assertFalse(alice.watch(bobId).containsKey("unknown"), "absent when every id is known");
        }
    }

    @Test
    void watchingMoreThanFiveHundredPeopleOrSomethingOtherThanIdsIsABadRequest() {
        try (ChatClient alice = connect(unique("alice"))) {
            String[] tooMany = IntStream.range(0, 501).mapToObj(i -> "p" + i).toArray(String[]::new);
            assertEquals("bad_request", alice.request(watchFrame(tooMany)).getString("code"));
            assertEquals("bad_request", alice.request(watchFrame("")).getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("watch", "users", "not-a-list")).getString("code"));
            assertEquals("bad_request", alice.request(frame("watch")).getString("code"));
        }
    }

    @Test
    void aNewDisplayNameFromTheSsoReplacesTheOldOne() {
        String daveId = unique("dave");
        try (ChatClient dave = connect(daveId, "Dave")) {
            dave.ok(frame("rooms"));
        }
        try (ChatClient dave = connect(daveId, "David")) {
            assertEquals("David", entry(dave.watch(daveId), "users", daveId).getString("name"));
        }
    }

    @Test
    void usersWithoutAQueryListsThePeopleOneHasDirectConversationsWithMostRecentFirst() throws Exception {
        String aliceId = unique("alice");
        List<String> people = knownAndOffline("bob", "stranger");
        String bobId = people.get(0);
        String carolId = unique("carol");
        String strangerId = people.get(1);
        try (ChatClient alice = connect(aliceId);
                ChatClient carol = connect(carolId)) {
            alice.dm(bobId, "hi Bob");
            carol.dm(aliceId, "hi Alice");
            alice.dm(aliceId, "a note to self");
            List<String> listed = alice.ok(frame("users")).getJsonArray("users").getValuesAs(JsonObject.class).stream()
                    .map(u -> u.getString("id"))
                    .toList();
            assertEquals(List.of(aliceId, carolId, bobId), listed, "nobody else: " + strangerId + " is not listed");
            JsonObject carolsEntry = entry(alice.ok(frame("users")), "users", carolId);
            assertTrue(carolsEntry.getBoolean("online"));
        }
    }

    @Test
    void usersWithoutAQueryListsAtMostItsLimit() {
        String aliceId = unique("alice");
        try (ChatClient alice = connect(aliceId)) {
            alice.dm(aliceId, "one");
            List<String> partners =
                    IntStream.range(0, 3).mapToObj(i -> unique("partner")).toList();
            for (String partner : partners) {
                try (ChatClient each = connect(partner)) {
                    each.dm(aliceId, "hello");
                }
            }
            List<String> listed =
                    alice.ok(frame("users", "limit", 2)).getJsonArray("users").getValuesAs(JsonObject.class).stream()
                            .map(u -> u.getString("id"))
                            .toList();
            assertEquals(List.of(partners.get(2), partners.get(1)), listed);
            assertEquals(
                    "bad_request", alice.request(frame("users", "limit", 101)).getString("code"));
        }
    }
}
