package app.chat.it;

import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A WebSocket connection lives as long as its client wants, whatever the HTTP session its handshake
 * created: Open Liberty closes secure connections with 1008 when that session expires if the
 * handshake carried a container principal, so the product never hands it one. Checked over TLS with
 * sessions that expire after two seconds.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(7) // beside the others, the longest first (pom.xml)
class SessionTimeoutIT {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aSecureConnectionOutlivesTheHttpSessionOfItsHandshake() throws Exception {
        try (ServerProcess server = ServerProcess.startSecure(SESSION_TIMEOUT)) {
            String room = unique("session");
            String aliceId = unique("alice");
            String bobId = unique("bob");
            try (ChatClient alice = ChatClient.connect(
                            server.secureWebSocket(),
                            TestTokens.forUser(aliceId).sign());
                    ChatClient bob = ChatClient.connect(
                            server.secureWebSocket(), TestTokens.forUser(bobId).sign())) {
                alice.join(room);
                bob.join(room);

                Thread.sleep(server.sessionsExpiredWithin().toMillis());

                assertTrue(alice.isOpen() && bob.isOpen(), "both connections outlived their HTTP sessions");
                alice.post(room, "still here");
                JsonObject received = bob.await(e -> e.getString("type").equals("message")
                        && e.getString("content").equals("still here"));
                assertEquals(aliceId, received.getString("from"));
            }
        }
    }
}
