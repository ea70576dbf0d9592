package app.chat.protocol;

import static app.chat.testsupport.ProtocolContract.contract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.listings.ListingEvents;
import app.chat.messages.MessageEvents;
import app.chat.messages.PostedMessage;
import app.chat.messages.Quote;
import app.chat.messages.Reaction;
import app.chat.presence.ListedPerson;
import app.chat.protection.RateLimited;
import app.chat.reads.ReadMarked;
import app.chat.reads.Unread;
import app.chat.rooms.RoomEvents;
import app.chat.rooms.RoomListing;
import app.chat.rooms.RoomPage;
import app.chat.search.Found;
import app.chat.search.Search;
import app.chat.socket.OutboundEvents;
import app.chat.testsupport.ProtocolContract;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** docs/asyncapi.yaml is consistent with itself and with what the server writes. */
class ProtocolContractTest {

    private static final PostedMessage IN_ROOM = PostedMessage.posted(
                    123,
                    "alice",
                    null,
                    1L,
                    "general",
                    "yo",
                    Instant.parse("2026-01-02T03:04:05.678Z"),
                    UUID.fromString("3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f"))
            .withFromName("Alice Archer");

    private static final Instant LATER = Instant.parse("2026-01-02T03:09:00.001Z");

    private static final PostedMessage EDITED_IN_ROOM = new PostedMessage(
            123, "alice", null, 1L, "general", "yo!", IN_ROOM.timestamp(), null, LATER, null, null, null, "Alice");

    private static final PostedMessage DELETED_DIRECT = new PostedMessage(
            124, "alice", "bob", null, null, null, IN_ROOM.timestamp(), null, null, null, null, null, "Alice");

    private static final PostedMessage EDIT_IN_ROOM =
            new PostedMessage(130, "alice", null, 1L, "general", "yo!", LATER, null, LATER, 123L, null, null, null);

    private static final PostedMessage DELETION_OF_DIRECT =
            new PostedMessage(131, "alice", "bob", null, null, null, LATER, null, null, 124L, null, null, null);

    private static final PostedMessage REPLY_IN_ROOM = PostedMessage.posted(
                    125, "bob", null, 1L, "general", "agreed", LATER, null)
            .withReplyTo(new Quote(123, "alice", "yo", false, "Alice Archer"))
            .withFromName("Bob Baker");

    private static final PostedMessage REPLY_TO_DELETED = PostedMessage.posted(
                    126, "bob", "alice", null, null, "what was it?", LATER, null)
            .withReplyTo(new Quote(124, "alice", null, true, "Alice"))
            .withFromName("Bob");

    private static final PostedMessage REACTION_IN_ROOM = new PostedMessage(
            132, "bob", null, 1L, "general", null, LATER, null, null, 123L, null, new Reaction("👍", true, 2), null);

    private static final PostedMessage REACTION_TAKEN_BACK_IN_DIRECT = new PostedMessage(
            133, "bob", "alice", null, null, null, LATER, null, null, 124L, null, new Reaction("🎉", false, 0), null);

    @Test
    void everyExampleInTheDocumentKeepsItsOwnSchema() throws Exception {
        JsonNode document = new YAMLMapper().readTree(Files.readString(ProtocolContract.DOCUMENT));
        int examples = 0;
        for (JsonNode message : document.get("components").get("messages")) {
            for (JsonNode example : message.path("examples")) {
                String frame = example.get("payload").toString();
                boolean request = message.get("payload").get("$ref").asString().endsWith("Request");
                assertEquals(
                        Set.of(),
                        Set.copyOf(
                                request
                                        ? contract().breachesOfRequest(frame)
                                        : contract().breachesOfServerFrame(frame)),
                        frame);
                examples++;
            }
        }
        assertTrue(examples >= 4, "the document shows examples");
    }

    @Test
    void everyRequestTheServerRoutesIsInTheContractWithItsAnswers() {
        assertEquals(
                Set.of(
                        "join",
                        "leave",
                        "create_room",
                        "invite",
                        "message",
                        "dm",
                        "history",
                        "dm_history",
                        "rooms",
                        "users",
                        "watch",
                        "members",
                        "resume",
                        "typing",
                        "auth",
                        "edit",
                        "delete",
                        "read",
                        "react",
                        "unreact",
                        "search",
                        "mentions"),
                contract().requestTypes());
        assertEquals(Set.of("ok", "error"), contract().answersTo("edit"));
        assertEquals(Set.of("ok", "error"), contract().answersTo("delete"));
        assertEquals(Set.of("ok", "error"), contract().answersTo("read"));
        assertEquals(Set.of("ok", "error"), contract().answersTo("react"));
        assertEquals(Set.of("ok", "error"), contract().answersTo("unreact"));
        assertEquals(Set.of("search_results", "error"), contract().answersTo("search"));
        assertEquals(Set.of("mentions", "error"), contract().answersTo("mentions"));
        assertEquals(Set.of("watching", "error"), contract().answersTo("watch"));
        assertEquals(Set.of("members", "error"), contract().answersTo("members"));
        assertEquals(Set.of("ack", "error"), contract().answersTo("message"));
        assertEquals(Set.of("history", "error"), contract().answersTo("history"));
    }

    @Test
    void theServersLiveEventsAndAnswersKeepTheContract() {
        for (String frame : new String[] {
            MessageEvents.posted(IN_ROOM),
            MessageEvents.posted(EDITED_IN_ROOM),
            MessageEvents.posted(DELETED_DIRECT),
            MessageEvents.posted(EDIT_IN_ROOM),
            MessageEvents.posted(DELETION_OF_DIRECT),
            MessageEvents.posted(REPLY_IN_ROOM),
            MessageEvents.posted(REPLY_TO_DELETED),
            MessageEvents.posted(REACTION_IN_ROOM),
            MessageEvents.posted(REACTION_TAKEN_BACK_IN_DIRECT),
            MessageEvents.ack("7", IN_ROOM),
            Search.results(
                    "15",
                    List.of(
                            new Found(
                                    123,
                                    "general",
                                    "alice",
                                    "Alice Archer",
                                    null,
                                    LATER,
                                    List.of(new Found.Snippet("move the ", false), new Found.Snippet("release", true))),
                            new Found(124, null, "alice", "Alice", "bob", LATER, List.of())),
                    20),
            Search.results(null, List.of(), null),
            new ReadMarked("alice", "general", null, 123).asEvent(),
            new ReadMarked("alice", null, "bob", 0).asEvent(),
            ListingEvents.users(
                    "10",
                    List.of(new ListedPerson("bob", "Bob", "bob@acme.test", true)),
                    null,
                    Map.of("bob", new Unread(120, 100, 3))),
            ListingEvents.users("11", List.of(new ListedPerson("bob", "Bob", false)), 20, Map.of()),
            ListingEvents.users("11", List.of(new ListedPerson("carol", "Carol", null)), null, Map.of()),
            ListingEvents.rooms(
                    "12",
                    new RoomPage(List.of(new RoomListing("general", false, true)), "general"),
                    Map.of("general", new Unread(7, 2, 1))),
            ListingEvents.rooms(null, new RoomPage(List.of(new RoomListing("ops", true, false)), null), Map.of()),
            RoomEvents.joined("1", "general"),
            RoomEvents.left("2", "general"),
            RoomEvents.roomCreated("3", "ops", true),
            OutboundEvents.presence("alice", true),
            OutboundEvents.watching("5", List.of(new ListedPerson("alice", "Alice", true)), List.of("nobody")),
            OutboundEvents.watching("6", List.of(), List.of()),
            RoomEvents.members("8", "general", List.of(new ListedPerson("bob", "Bob", false)), 40, 12, "bob"),
            RoomEvents.members("9", "general", List.of(), 0, 0, null),
            OutboundEvents.typingInRoom("general", "alice"),
            OutboundEvents.typingDirect("alice", "bob"),
            OutboundEvents.resumed(null, 0, false, 9000),
            OutboundEvents.authenticated("9", Instant.parse("2026-01-02T03:04:05Z")),
            OutboundEvents.ok("3"),
            OutboundEvents.error("4", new RateLimited("slow down", Duration.ofMillis(180))),
            OutboundEvents.error(null, ErrorCode.BAD_REQUEST, "a frame must be a JSON object")
        }) {
            assertEquals(List.of(), contract().breachesOfServerFrame(frame), frame);
        }
    }

    @Test
    void aServerFrameWithAFieldTheContractDoesNotNameBreaksIt() {
        assertFalse(contract()
                .breachesOfServerFrame("{\"type\":\"joined\",\"room\":\"general\",\"members\":3}")
                .isEmpty());
    }

    @Test
    void anErrorCodeTheContractDoesNotListBreaksIt() {
        assertFalse(contract()
                .breachesOfServerFrame("{\"type\":\"error\",\"code\":\"oops\",\"message\":\"?\"}")
                .isEmpty());
    }

    @Test
    void aMessageHasContentOrIsDeletedNeverBothNorNeither() {
        String tombstone = "{\"type\":\"message\",\"id\":1,\"room\":\"general\",\"from\":\"a\",\"from_name\":\"A\","
                + "\"timestamp\":\"2026-01-02T03:04:05.678Z\"";
        assertEquals(List.of(), contract().breachesOfServerFrame(tombstone + ",\"deleted\":true}"));
        assertFalse(contract().breachesOfServerFrame(tombstone + "}").isEmpty());
        assertFalse(contract()
                .breachesOfServerFrame(tombstone + ",\"deleted\":true,\"content\":\"x\"}")
                .isEmpty());
    }

    @Test
    void aTypingEventIsEitherInARoomOrToAPersonNeverBoth() {
        assertFalse(contract()
                .breachesOfServerFrame("{\"type\":\"typing\",\"room\":\"general\",\"user\":\"a\",\"to\":\"b\"}")
                .isEmpty());
    }

    @Test
    void requestsMayCarryNullForAbsentFieldsAndFieldsTheContractIgnores() {
        assertEquals(
                List.of(),
                contract()
                        .breachesOfRequest(
                                "{\"type\":\"message\",\"room\":\"General\",\"content\":\"hi\",\"client_id\":null,\"x\":1}"));
    }

    @Test
    void aRequestWithARoomNameOutsideTheAlphabetBreaksIt() {
        assertFalse(contract()
                .breachesOfRequest("{\"type\":\"join\",\"room\":\"no spaces\"}")
                .isEmpty());
    }
}
