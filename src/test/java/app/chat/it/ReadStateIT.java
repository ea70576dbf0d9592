package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Read state on the server: unread and mention counts in one's listings, marks that only move
 * forward, and a read on one device heard at once by the person's other connections.
 */
class ReadStateIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    /** The caller's own room {@code room} as {@code rooms} with {@code member: true} lists it. */
    private static JsonObject listedRoom(ChatClient client, String room) {
        return client.ok(frame("rooms", "member", true, "prefix", room)).getJsonArray("rooms").stream()
                .map(JsonObject.class::cast)
                .filter(listing -> listing.getString("name").equals(room))
                .findFirst()
                .orElseThrow();
    }

    /** The conversation with {@code partner} as {@code users} without a query lists it. */
    private static JsonObject listedPerson(ChatClient client, String partner) {
        return client.ok(frame("users")).getJsonArray("users").stream()
                .map(JsonObject.class::cast)
                .filter(listing -> listing.getString("id").equals(partner))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRoomCountsTheMessagesOfOthersAfterTheMarkAndTheMentionsAmongThem() {
        String room = unique("unread");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId)) {
            alice.join(room);
            bob.join(room);
            long first = id(alice.post(room, "one"));
            alice.post(room, "two, @" + bobId + " have a look");
            bob.post(room, "my own message does not count");
            alice.post(room, "three");
            JsonObject before = listedRoom(bob, room);
            assertEquals(0, before.getJsonNumber("last_read").longValue());
            assertEquals(3, before.getInt("unread"));
            assertEquals(1, before.getInt("mentions"));

            bob.ok(frame("read", "room", room, "id", first));
            JsonObject after = listedRoom(bob, room);
            assertEquals(first, after.getJsonNumber("last_read").longValue());
            assertEquals(2, after.getInt("unread"));
            assertEquals(1, after.getInt("mentions"));
        }
    }

    @Test
    void aRoomJoinedLaterCountsOnlyWhatCameAfterJoining() throws InterruptedException {
        String room = unique("late");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            alice.post(room, "before bob was here");
            Thread.sleep(5); // timestamps have milliseconds: joining comes after that message
            bob.join(room);
            alice.post(room, "after");
            assertEquals(1, listedRoom(bob, room).getInt("unread"));
        }
    }

    @Test
    void readingOnOneDeviceIsHeardAtOnceByTheOthersAndClearsTheCount() {
        String aliceId = unique("alice");
        String bobId = unique("bob");
        try (ChatClient alice = connect(aliceId);
                ChatClient bobLaptop = connect(bobId);
                ChatClient bobPhone = connect(bobId)) {
            alice.dm(bobId, "lunch?");
            long last = id(alice.dm(bobId, "at noon"));
            assertEquals(2, listedPerson(bobPhone, aliceId).getInt("unread"));

            bobLaptop.ok(frame("read", "with", aliceId, "id", last));
            JsonObject heard = bobPhone.await(event -> "read".equals(event.getString("type")));
            assertEquals(aliceId, heard.getString("with"));
            assertEquals(last, id(heard));
            JsonObject listed = listedPerson(bobPhone, aliceId);
            assertEquals(0, listed.getInt("unread"));
            assertEquals(last, listed.getJsonNumber("last_read").longValue());
            alice.assertNothing(event -> "read".equals(event.getString("type")), QUIET);
        }
    }

    @Test
    void aMarkOnlyMovesForwardAndNeverPastTheNewestMessage() {
        String room = unique("forward");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            long first = id(alice.post(room, "one"));
            long second = id(alice.post(room, "two"));
            alice.ok(frame("read", "room", room, "id", second));
            alice.ok(frame("read", "room", room, "id", first));
            assertEquals(second, id(lastRead(alice)));
            assertEquals(
                    second, listedRoom(alice, room).getJsonNumber("last_read").longValue());

            alice.ok(frame("read", "room", room, "id", Long.MAX_VALUE));
            long mark = listedRoom(alice, room).getJsonNumber("last_read").longValue();
            assertEquals(true, mark < Long.MAX_VALUE && mark >= second, "capped at the newest id: " + mark);
        }
    }

    /** The last {@code read} event received so far (earlier ones are consumed). */
    private static JsonObject lastRead(ChatClient client) {
        JsonObject latest = client.await(event -> "read".equals(event.getString("type")));
        while (client.received().stream().anyMatch(event -> "read".equals(event.getString("type")))) {
            latest = client.await(event -> "read".equals(event.getString("type")));
        }
        return latest;
    }

    @Test
    void readStateIsOnlyForOnesOwnConversations() {
        String privateRoom = unique("private");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient eve = connect(unique("eve"))) {
            alice.ok(frame("create_room", "room", privateRoom, "private", true));
            long message = id(alice.post(privateRoom, "secret"));
            assertEquals(
                    "not_found",
                    eve.request(frame("read", "room", privateRoom, "id", message))
                            .getString("code"));
            assertEquals(
                    "unknown_user",
                    eve.request(frame("read", "with", unique("ghost"), "id", 1)).getString("code"));
            assertEquals(
                    "bad_request",
                    eve.request(frame("read", "room", privateRoom)).getString("code"));
        }
    }
}
