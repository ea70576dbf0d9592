package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Mentions: listed newest first across one's rooms, {@code @room} included, counted in the listings. */
class MentionsIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private static long id(JsonObject event) {
        return event.getJsonNumber("id").longValue();
    }

    private static List<Long> ids(JsonObject answer) {
        return answer.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(MentionsIT::id)
                .toList();
    }

    @Test
    void theMessagesOfOnesRoomsThatMentionOneAreListedNewestFirst() {
        String room = unique("mentions");
        String other = unique("elsewhere");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId)) {
            alice.join(room);
            alice.join(other);
            bob.join(room);
            bob.join(other);
            long byId = id(alice.post(room, "@" + bobId + " can you review this?"));
            alice.post(room, "no mention of anyone here");
            long everyone = id(alice.post(other, "@room the build is green"));
            alice.post(room, "@roomba is not a mention");
            bob.post(room, "@" + bobId + " a note to myself does not count");

            JsonObject answer = bob.ok(frame("mentions"));
            assertEquals(List.of(everyone, byId), ids(answer));
            JsonObject newest = answer.getJsonArray("messages").getJsonObject(0);
            assertEquals(other, newest.getString("room"));
            assertEquals("@room the build is green", newest.getString("content"));
            assertFalse(answer.containsKey("next_before"));
        }
    }

    @Test
    void mentionsPageBackwardsAndLeaveOutRoomsOneLeftAndDeletedMessages() {
        String room = unique("paging");
        String left = unique("left");
        String bobId = unique("bob");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(bobId)) {
            alice.join(room);
            alice.join(left);
            bob.join(room);
            bob.join(left);
            long first = id(alice.post(room, "hi @" + bobId));
            long second = id(alice.post(room, "again @" + bobId));
            long deleted = id(alice.post(room, "oops @" + bobId));
            alice.post(left, "in a room bob leaves, @" + bobId);
            long third = id(alice.post(room, "and again @" + bobId));
            alice.ok(frame("delete", "id", deleted));
            bob.ok(frame("leave", "room", left));

            JsonObject page = bob.ok(frame("mentions", "limit", 2));
            assertEquals(List.of(third, second), ids(page));
            JsonObject next = bob.ok(frame(
                    "mentions",
                    "limit",
                    2,
                    "before",
                    page.getJsonNumber("next_before").longValue()));
            assertEquals(List.of(first), ids(next));
        }
    }

    @Test
    void anAtRoomCountsAsAMentionInTheRoomsListing() {
        String room = unique("count");
        try (ChatClient alice = connect(unique("alice"));
                ChatClient bob = connect(unique("bob"))) {
            alice.join(room);
            bob.join(room);
            alice.post(room, "@room standup in five");
            alice.post(room, "@here anyone?");
            JsonObject listed = bob.ok(frame("rooms", "member", true, "prefix", room)).getJsonArray("rooms").stream()
                    .map(JsonObject.class::cast)
                    .filter(listing -> listing.getString("name").equals(room))
                    .findFirst()
                    .orElseThrow();
            assertEquals(2, listed.getInt("unread"));
            assertEquals(1, listed.getInt("mentions"), "@room counts, @here is for who is online at the time");
        }
    }
}
