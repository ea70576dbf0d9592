package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code members}: who is in a room, by name, a page at a time, with how many are online. */
class MembersIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private ChatClient connect(String id, String name) {
        ChatClient client =
                ChatClient.connect(ws(), TestTokens.forUser(id).name(name).sign());
        client.ok(frame("rooms"));
        return client;
    }

    /** Someone who joined the room and then left the chat (not the room): a member, offline. */
    private String memberGoneOffline(String room, String name) {
        String id = unique("member");
        try (ChatClient client = connect(id, name)) {
            client.join(room);
        }
        return id;
    }

    private static List<String> names(JsonObject answer) {
        assertEquals("members", answer.getString("type"), answer::toString);
        return answer.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .map(member -> member.getString("name"))
                .toList();
    }

    @Test
    void membersAreListedByNameWithHowManyThereAreAndWhoIsOnline() throws Exception {
        String room = unique("crew");
        try (ChatClient zed = connect(unique("zed"), "Zed");
                ChatClient amy = connect(unique("amy"), "Amy")) {
            zed.join(room);
            amy.join(room);
            memberGoneOffline(room, "Bob");
            Thread.sleep(1_500); // past the grace period (1 s in the tests)

            JsonObject answer = amy.ok(frame("members", "room", room));

            assertEquals(List.of("Amy", "Bob", "Zed"), names(answer));
            assertEquals(room, answer.getString("room"));
            assertEquals(3, answer.getInt("count"));
            assertEquals(2, answer.getInt("online"));
            assertEquals(
                    List.of(true, false, true),
                    answer.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                            .map(member -> member.getBoolean("online"))
                            .toList());
            assertFalse(answer.containsKey("next"), "one page holds them all");
        }
    }

    @Test
    void aLargeRoomIsReadPageByPageFollowingNext() {
        String room = unique("crowd");
        for (int i = 1; i <= 5; i++) {
            memberGoneOffline(room, "Member " + i);
        }
        try (ChatClient reader = connect(unique("reader"), "Zz Reader")) {
            List<String> read = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            JsonObject page = reader.ok(frame("members", "room", room, "limit", 2));
            while (true) {
                read.addAll(names(page));
                pageSizes.add(names(page).size());
                assertEquals(5, page.getInt("count"));
                if (!page.containsKey("next")) {
                    break;
                }
                page = reader.ok(frame("members", "room", room, "limit", 2, "after", page.getString("next")));
            }
            assertEquals(List.of("Member 1", "Member 2", "Member 3", "Member 4", "Member 5"), read);
            assertEquals(List.of(2, 2, 1), pageSizes);
        }
    }

    @Test
    void aPublicRoomsMembersAreForAnyoneAPrivateRoomsForItsMembersOnly() {
        String open = unique("open");
        String secret = unique("secret");
        try (ChatClient owner = connect(unique("owner"), "Owner");
                ChatClient outsider = connect(unique("outsider"), "Outsider")) {
            owner.join(open);
            owner.ok(frame("create_room", "room", secret, "private", true));

            assertEquals(List.of("Owner"), names(outsider.ok(frame("members", "room", open))));
            JsonObject refused = outsider.request(frame("members", "room", secret));
            assertEquals("not_found", refused.getString("code"), refused::toString);
            assertEquals(List.of("Owner"), names(owner.ok(frame("members", "room", secret))));
        }
    }

    @Test
    void anUnknownRoomOrAnOutOfRangeRequestIsRefusedWithAClearError() {
        String room = unique("strict");
        try (ChatClient client = connect(unique("strict"), "Strict")) {
            client.join(room);
            assertEquals(
                    "not_found",
                    client.request(frame("members", "room", unique("nowhere"))).getString("code"));
            assertEquals("bad_request", client.request(frame("members")).getString("code"));
            assertEquals(
                    "bad_request",
                    client.request(frame("members", "room", room, "limit", 0)).getString("code"));
            assertEquals(
                    "bad_request",
                    client.request(frame("members", "room", room, "limit", 101)).getString("code"));
            JsonObject unknownAfter = client.request(frame("members", "room", room, "after", unique("nobody")));
            assertEquals("bad_request", unknownAfter.getString("code"), unknownAfter::toString);
        }
    }
}
