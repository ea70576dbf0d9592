package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Public and private rooms: joining, leaving, creating, inviting, listing, and who hears what. */
class RoomsIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private static String error(JsonObject answer) {
        assertEquals("error", answer.getString("type"), () -> "expected an error, got " + answer);
        assertFalse(answer.getString("message").isBlank());
        return answer.getString("code");
    }

    /** The room as the client's listing shows it: searched by its name, as the database holds every test's rooms. */
    private static Optional<JsonObject> listed(ChatClient client, String room) {
        List<JsonObject> rooms =
                client.ok(frame("rooms", "prefix", room)).getJsonArray("rooms").getValuesAs(JsonObject.class);
        return rooms.stream().filter(r -> r.getString("name").equals(room)).findFirst();
    }

    @Test
    void joiningAnUnknownRoomCreatesItAsAPublicRoom() {
        String room = unique("new");
        try (ChatClient alice = connect(unique("alice"))) {
            JsonObject joined = alice.join(room);
            assertEquals("joined", joined.getString("type"));
            assertEquals(room, joined.getString("room"));
            JsonObject listing = listed(alice, room).orElseThrow();
            assertFalse(listing.getBoolean("private"));
            assertTrue(listing.getBoolean("member"));
        }
    }

    @Test
    void roomNamesAreCaseInsensitive() {
        String room = unique("case");
        try (ChatClient alice = connect(unique("alice"))) {
            assertEquals(room, alice.join(room.toUpperCase()).getString("room"));
            alice.post(room.toUpperCase(), "hi");
            assertEquals(room, alice.awaitType("message").getString("room"));
        }
    }

    @Test
    void everyConnectionOfEveryMemberReceivesARoomMessage() {
        String room = unique("fan");
        String aliceId = unique("alice");
        try (ChatClient alice = connect(aliceId);
                ChatClient aliceTab2 = connect(aliceId);
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            JsonObject ack = alice.post(room, "yo");
            for (ChatClient client : List.of(alice, aliceTab2, bob)) {
                JsonObject message = client.awaitType("message");
                assertEquals(ack.getJsonNumber("id"), message.getJsonNumber("id"));
                assertEquals(room, message.getString("room"));
                assertEquals(aliceId, message.getString("from"));
                assertEquals("yo", message.getString("content"));
                assertEquals(ack.getString("timestamp"), message.getString("timestamp"));
            }
        }
    }

    @Test
    void membershipSurvivesAReconnect() {
        String room = unique("sticky");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            try (ChatClient bob = connect(bobId)) {
                bob.join(room);
            }
            try (ChatClient bobAgain = connect(bobId)) {
                alice.ok(frame("rooms")); // make sure bob's new connection is registered before posting
                alice.post(room, "still there?");
                assertEquals("still there?", bobAgain.awaitType("message").getString("content"));
            }
        }
    }

    @Test
    void leavingStopsDelivery() {
        String room = unique("leave");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            JsonObject left = bob.ok(frame("leave", "room", room));
            assertEquals("left", left.getString("type"));
            assertEquals(room, left.getString("room"));
            alice.post(room, "bye bob");
            alice.awaitType("message");
            bob.assertNothing(e -> e.getString("type").equals("message"), QUIET);
        }
    }

    @Test
    void postingRequiresMembership() {
        String room = unique("members");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            assertEquals("forbidden", error(bob.request(frame("message", "room", room, "content", "hi"))));
            assertEquals("not_found", error(bob.request(frame("message", "room", unique("nowhere"), "content", "hi"))));
        }
    }

    @Test
    void creatingAPrivateRoomMakesTheCreatorItsOnlyMember() {
        String room = unique("ops");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            JsonObject created = alice.ok(frame("create_room", "room", room, "private", true));
            assertEquals("room_created", created.getString("type"));
            assertEquals(room, created.getString("room"));
            assertTrue(created.getBoolean("private"));
            assertTrue(listed(alice, room).orElseThrow().getBoolean("member"));
            assertTrue(listed(bob, room).isEmpty(), "a private room is invisible to non-members");
        }
    }

    @Test
    void creatingAnExistingRoomIsAConflict() {
        String room = unique("taken");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            assertEquals("conflict", error(alice.request(frame("create_room", "room", room, "private", true))));
        }
    }

    @Test
    void nonMembersOfAPrivateRoomCannotJoinReadOrPostAndHearNothing() {
        String room = unique("secret");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient eve = connect(unique("eve"))) {
            alice.ok(frame("create_room", "room", room, "private", true));
            assertEquals("not_found", error(eve.request(frame("join", "room", room))));
            assertEquals("not_found", error(eve.request(frame("history", "room", room))));
            assertEquals("not_found", error(eve.request(frame("message", "room", room, "content", "let me in"))));
            assertEquals("not_found", error(eve.request(frame("invite", "room", room, "user", "eve"))));
            alice.post(room, "the launch codes");
            alice.awaitType("message");
            eve.assertNothing(e -> room.equals(e.getString("room", null)), QUIET);
        }
    }

    @Test
    void aPrivateRoomOneIsNotInIsAnsweredWordForWordLikeARoomThatDoesNotExist() {
        String secret = unique("secret");
        String nowhere = unique("nowhere");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient eve = connect(unique("eve"))) {
            alice.ok(frame("create_room", "room", secret, "private", true));
            for (String type : List.of("history", "members", "typing", "leave")) {
                JsonObject aboutSecret = eve.request(frame(type, "room", secret));
                JsonObject aboutNothing = eve.request(frame(type, "room", nowhere));
                assertEquals("not_found", aboutNothing.getString("code"), type);
                assertEquals(
                        aboutNothing.getString("message").replace(nowhere, "NAME"),
                        aboutSecret.getString("message").replace(secret, "NAME"),
                        type);
            }
        }
    }

    @Test
    void membersCanInviteAndTheInviteeThenTakesPart() {
        String room = unique("team");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId)) {
            alice.ok(frame("create_room", "room", room, "private", true));
            JsonObject invited = alice.ok(frame("invite", "room", room, "user", bobId));
            assertEquals("invited", invited.getString("type"));
            assertEquals(bobId, invited.getString("user"));
            assertEquals(room, bob.awaitType("invited").getString("room"));
            assertTrue(listed(bob, room).orElseThrow().getBoolean("member"));
            assertEquals("joined", bob.join(room).getString("type"));
            JsonObject ack = alice.post(room, "welcome");
            assertEquals(ack.getJsonNumber("id"), bob.awaitType("message").getJsonNumber("id"));
            bob.post(room, "thanks");
        }
    }

    @Test
    void invitingSomeoneNeverSeenIsAnUnknownUserError() {
        String room = unique("team");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.ok(frame("create_room", "room", room, "private", true));
            assertEquals("unknown_user", error(alice.request(frame("invite", "room", room, "user", unique("ghost")))));
        }
    }

    @Test
    void theRoomListShowsPublicRoomsAndOnlyOwnPrivateRooms() {
        String open = unique("open");
        String closed = unique("closed");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(open);
            alice.ok(frame("create_room", "room", closed, "private", true));
            JsonObject seenByBob = listed(bob, open).orElseThrow();
            assertFalse(seenByBob.getBoolean("member"));
            assertFalse(seenByBob.getBoolean("private"));
            assertTrue(listed(bob, closed).isEmpty());
            assertTrue(listed(alice, closed).orElseThrow().getBoolean("private"));
        }
    }

    @Test
    void invalidRoomNamesAreBadRequests() {
        try (ChatClient alice = connect(unique("alice"))) {
            for (String name : List.of("", "-x", "has space", "a".repeat(65), "émoji")) {
                assertEquals("bad_request", error(alice.request(frame("join", "room", name))), name);
                assertEquals("bad_request", error(alice.request(frame("create_room", "room", name))), name);
            }
        }
    }

    /**
     * Anyone who can connect to the database can NOTIFY: a forged announcement that someone joined a
     * private room must not let them read or post there.
     */
    @Test
    void aForgedMembershipAnnouncementGrantsNothing() throws Exception {
        String room = unique("vault");
        String malloryId = unique("mallory");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient mallory = connect(malloryId)) {
            alice.ok(frame("create_room", "room", room, "private", true));
            alice.post(room, "the numbers");
            try (Connection db = DriverManager.getConnection(
                            System.getProperty("chat.test.db-url"), System.getProperty("chat.test.db-user"), "");
                    PreparedStatement roomId = db.prepareStatement("select id from rooms where name = ?");
                    PreparedStatement notify = db.prepareStatement("select pg_notify('chat_rooms', ?)")) {
                roomId.setString(1, room);
                long id;
                try (ResultSet row = roomId.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
                notify.setString(
                        1,
                        Json.createObjectBuilder()
                                .add("room", id)
                                .add("name", room)
                                .add("user", malloryId)
                                .add("added", true)
                                .add("instance", "forged")
                                .build()
                                .toString());
                notify.execute();
            }
            Thread.sleep(1_500); // the announcement reaches the server's listener within milliseconds
            assertEquals("not_found", error(mallory.request(frame("history", "room", room))));
            assertEquals("not_found", error(mallory.request(frame("message", "room", room, "content", "in"))));
        }
    }
}
