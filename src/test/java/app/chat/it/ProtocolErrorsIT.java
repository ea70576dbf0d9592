package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.RawWebSocket;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error, keeps the connection open, and never touches anyone else. */
class ProtocolErrorsIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    /** Sends a raw frame with no ref and returns the error it caused. */
    private static JsonObject errorFor(ChatClient client, String raw) {
        client.sendRaw(raw);
        JsonObject error = client.awaitType("error");
        assertFalse(error.getString("message").isBlank());
        return error;
    }

    private static void assertStillServing(ChatClient client) {
        assertEquals("rooms", client.ok(frame("rooms")).getString("type"));
    }

    @Test
    void framesThatAreNotRequestsAreBadRequestsAndTheConnectionStaysOpen() {
        try (ChatClient alice = connect(unique("alice"))) {
            for (String raw : List.of(
                    "not json",
                    "[]",
                    "42",
                    "{\"type\":",
                    "{}",
                    "{\"type\":7}",
                    "{\"type\":\"fly\"}",
                    "{\"type\":\"rooms\",\"ref\":{\"nested\":true}}")) {
                assertEquals("bad_request", errorFor(alice, raw).getString("code"), raw);
            }
            assertStillServing(alice);
        }
    }

    @Test
    void anErrorCarriesTheRefOfTheRequestThatCausedIt() {
        try (ChatClient alice = connect(unique("alice"))) {
            JsonObject error = alice.request(frame("teleport"));
            assertEquals("error", error.getString("type"));
            assertEquals("bad_request", error.getString("code"));
            assertTrue(error.getString("ref").startsWith("r"));
        }
    }

    @Test
    void missingAndMistypedFieldsAreBadRequests() {
        String room = unique("fields");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            assertEquals("bad_request", alice.request(frame("join")).getString("code"));
            assertEquals(
                    "bad_request", alice.request(frame("message", "room", room)).getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("message", "room", room, "content", 5)).getString("code"));
            assertEquals(
                    "bad_request", alice.request(frame("dm", "content", "hi")).getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("history", "room", room, "limit", 0)).getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("history", "room", room, "before", -3)).getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("history", "room", room, "limit", "ten"))
                            .getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("create_room", "room", unique("x"), "private", "yes"))
                            .getString("code"));
            assertEquals("bad_request", alice.request(frame("dm_history")).getString("code"));
            assertStillServing(alice);
        }
    }

    @Test
    void emptyAndWhiteSpaceContentIsRefusedAndNothingIsStored() {
        String room = unique("blank");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            assertEquals(
                    "bad_request",
                    alice.request(frame("message", "room", room, "content", "")).getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("message", "room", room, "content", " \n\t "))
                            .getString("code"));
            assertEquals(
                    0,
                    alice.ok(frame("history", "room", room))
                            .getJsonArray("messages")
                            .size());
        }
    }

    @Test
    void contentOverFourThousandCharactersIsTooLarge() {
        String room = unique("long");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            assertEquals(
                    "too_large",
                    alice.request(frame("message", "room", room, "content", "x".repeat(4001)))
                            .getString("code"));
            alice.post(room, "x".repeat(4000));
        }
    }

    @Test
    void aFrameOverSixtyFourKibibytesClosesTheConnectionWith1009AndOthersCarryOn() {
        String room = unique("big");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            bob.sendRaw(frame("message", "room", room, "content", "y".repeat(70_000))
                    .build()
                    .toString());
            assertEquals(1009, bob.awaitClose());
            alice.post(room, "unaffected");
            assertEquals("unaffected", alice.awaitType("message").getString("content"));
        }
    }

    @Test
    void aTwoMebibyteFrameClosesTheConnectionWith1009Too() {
        try (ChatClient mallory = connect(unique("mallory"))) {
            String huge = "{\"type\":\"typing\",\"room\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}";
            try {
                mallory.sendRaw(huge);
            } catch (java.util.concurrent.CompletionException closedWhileSending) {
                // the server may close before the last bytes are out
            }
            assertEquals(1009, mallory.awaitClose());
        }
    }

    @Test
    void aBinaryFrameClosesTheConnectionWith1003() {
        try (ChatClient alice = connect(unique("alice"))) {
            alice.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, alice.awaitClose());
        }
    }

    @Test
    void aFloodOfGarbageFromOneClientDoesNotDisturbAnother() {
        String room = unique("flood");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient mallory = connect(unique("mallory"))) {
            alice.join(room);
            for (int i = 0; i < 200; i++) {
                mallory.sendRaw(
                        "{\"type\":\"message\",\"room\":\"" + room + "\",\"content\":{\"deep\":[[[[[[[[1]]]]]]]]}}");
                mallory.sendRaw("\u0000\uFFFF garbage " + i);
            }
            alice.post(room, "business as usual");
            assertEquals("business as usual", alice.awaitType("message").getString("content"));
            assertTrue(mallory.isOpen());
        }
    }

    @Test
    void hugeNumbersDeepNestingAndDuplicateKeysAreBadRequestsThatKeepTheirRef() {
        try (ChatClient alice = connect(unique("alice"))) {
            for (String raw : List.of(
                    "{\"ref\":\"n1\",\"type\":\"history\",\"room\":\"x\",\"limit\":" + "9".repeat(1200) + "}",
                    "{\"ref\":\"n2\",\"type\":\"history\",\"room\":\"x\",\"before\":1e999999999}",
                    "{\"ref\":\"n3\",\"type\":\"join\",\"room\":" + "[".repeat(1500) + "]".repeat(1500) + "}",
                    "{\"ref\":\"n4\",\"type\":\"join\",\"room\":\"a\",\"room\":\"b\"}")) {
                JsonObject error = errorFor(alice, raw);
                assertEquals("bad_request", error.getString("code"), raw.substring(0, 40));
                assertTrue(error.getString("ref").startsWith("n"), error.toString());
            }
            assertStillServing(alice);
        }
    }

    @Test
    void userIdsWithNulOrControlCharactersAreBadRequests() {
        try (ChatClient alice = connect(unique("alice"))) {
            assertEquals(
                    "bad_request",
                    alice.request(frame("dm", "to", "bob\u0000", "content", "hi"))
                            .getString("code"));
            assertEquals(
                    "bad_request",
                    alice.request(frame("dm_history", "with", "bob\u001b[2J")).getString("code"));
            // An unpaired surrogate can only travel escaped: as text it is not UTF-8 at all.
            alice.sendRaw("{\"type\":\"typing\",\"to\":\"\\ud800\",\"ref\":\"lone\"}");
            assertEquals(
                    "bad_request",
                    alice.await(event -> "lone".equals(event.getString("ref", null)))
                            .getString("code"));
            assertStillServing(alice);
        }
    }

    @Test
    void contentOfOnlyInvisibleCharactersIsRefusedLikeBlankContent() {
        String room = unique("invisible");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            assertEquals(
                    "bad_request",
                    alice.request(frame("message", "room", room, "content", "\u200B\u200D\uFEFF\u3164"))
                            .getString("code"));
            assertEquals(
                    0,
                    alice.ok(frame("history", "room", room))
                            .getJsonArray("messages")
                            .size());
        }
    }

    @Test
    void aMessageSentAsManySmallFramesIsBoundedLikeOneLargeFrame() {
        try (ChatClient alice = connect(unique("alice"))) {
            alice.sendFragmented(java.util.Collections.nCopies(8, "z".repeat(16 * 1024)));
            assertEquals(1009, alice.awaitClose());
        }
    }

    @Test
    void largeMessagesSentBackToBackAreAllAccepted() {
        String room = unique("bulk");
        String large = "😀".repeat(4000); // 16 KB of UTF-8, the largest content there is
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            for (int i = 0; i < 20; i++) {
                alice.sendRaw(frame("message", "room", room, "content", large, "ref", "bulk" + i)
                        .build()
                        .toString());
            }
            for (int i = 0; i < 20; i++) {
                String ref = "bulk" + i;
                assertEquals(
                        "ack",
                        alice.await(event -> ref.equals(event.getString("ref", null)))
                                .getString("type"));
            }
        }
    }

    @Test
    void aFrameDeclaringMegabytesIsRefusedBeforeTheyArrive() throws Exception {
        try (RawWebSocket mallory =
                RawWebSocket.open(base, TestTokens.forUser(unique("mallory")).sign(), 65536)) {
            mallory.sendTruncatedFrame(10L * 1024 * 1024, 1024);
            assertTrue(mallory.awaitEndOfStream(10_000), "the server closed the connection without waiting for 10 MB");
        }
    }
}
