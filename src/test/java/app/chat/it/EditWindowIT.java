package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * With {@code chat.messages.edit-window-minutes} set, a message can be edited only that long after
 * it was posted, and deleted at any time. A message is made older by moving its stored time back.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(9) // beside the others, the longest first (pom.xml)
class EditWindowIT {

    @Test
    void aMessageOlderThanTheEditWindowCanNoLongerBeEditedButCanStillBeDeleted() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("CHAT_MESSAGES_EDIT_WINDOW_MINUTES", "1"));
                ChatClient alice = ChatClient.connect(
                        server.webSocket(), TestTokens.forUser(unique("alice")).sign())) {
            String room = unique("window");
            alice.join(room);
            long old =
                    alice.post(room, "posted a while ago").getJsonNumber("id").longValue();
            long recent =
                    alice.post(room, "posted just now").getJsonNumber("id").longValue();
            postedMinutesAgo(old, 2);

            JsonObject refused = alice.request(frame("edit", "id", old, "content", "too late"));
            assertEquals("forbidden", refused.getString("code"));
            assertEquals("messages can be edited for 1 minute after they are posted", refused.getString("message"));

            alice.ok(frame("edit", "id", recent, "content", "posted just now, fixed"));
            alice.ok(frame("delete", "id", old));
            JsonObject history = alice.ok(frame("history", "room", room));
            assertEquals(
                    "[true, posted just now, fixed]",
                    history.getJsonArray("messages").stream()
                            .map(JsonObject.class::cast)
                            .map(message ->
                                    message.getBoolean("deleted", false) ? "true" : message.getString("content"))
                            .toList()
                            .toString());
        }
    }

    private static void postedMinutesAgo(long id, int minutes) throws Exception {
        try (Connection database = DriverManager.getConnection(
                        System.getProperty("chat.test.db-url"), System.getProperty("chat.test.db-user"), "");
                PreparedStatement update = database.prepareStatement(
                        "update messages set \"timestamp\" = \"timestamp\" - make_interval(mins => ?) where id = ?")) {
            update.setInt(1, minutes);
            update.setLong(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }
}
