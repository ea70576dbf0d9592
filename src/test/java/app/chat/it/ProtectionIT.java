package app.chat.it;

import static app.chat.testsupport.ChatClient.frame;
import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatClient.Carrier;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Limits with small values (set by this deployment's own configuration) and the token's lifetime. */
class ProtectionIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.warWithConfig("""
                chat.rate.messages-per-second=1
                chat.rate.burst=5
                chat.limit.connections-per-user=2
                chat.limit.handshakes-per-second=5
                mp.jwt.verify.clock.skew=1
                chat.limit.rooms-per-user=3
                """);
    }

    @Test
    void sendsBeyondTheBurstAreRateLimitedAndNotStored() {
        String room = unique("rate");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JsonObject answer = alice.request(frame("message", "room", room, "content", "m" + i));
                outcomes.add(answer.getString("type").equals("ack") ? "ack" : answer.getString("code"));
            }
            assertEquals(
                    List.of("ack", "ack", "ack", "ack", "ack", "rate_limited", "rate_limited", "rate_limited"),
                    outcomes);
            assertEquals(
                    5,
                    alice.ok(frame("history", "room", room))
                            .getJsonArray("messages")
                            .size());
        }
    }

    @Test
    void theAllowanceComesBackAtTheSteadyRate() throws Exception {
        String room = unique("refill");
        try (ChatClient alice = connect(unique("alice"))) {
            alice.join(room);
            for (int i = 0; i < 5; i++) {
                alice.post(room, "burst " + i);
            }
            assertEquals(
                    "rate_limited",
                    alice.request(frame("message", "room", room, "content", "too soon"))
                            .getString("code"));
            Thread.sleep(1_200);
            alice.post(room, "one second later");
        }
    }

    @Test
    void aPersonCanKeepOnlySoManyRoomsTheyCreatedAndLeavingOneFreesItsPlace() {
        String prefix = unique("quota");
        try (ChatClient alice = connect(unique("alice"))) {
            for (int i = 0; i < 3; i++) {
                alice.ok(frame("create_room", "room", prefix + "-" + i));
            }
            JsonObject refused = alice.request(frame("join", "room", prefix + "-new"));
            assertEquals("quota_exceeded", refused.getString("code"));
            assertEquals(
                    "not_found",
                    alice.request(frame("history", "room", prefix + "-new")).getString("code"));

            alice.ok(frame("leave", "room", prefix + "-0"));
            alice.ok(frame("create_room", "room", prefix + "-new", "private", true));
        }
    }

    @Test
    void aUserCannotHoldMoreThanTheConnectionLimit() {
        String userId = unique("tabs");
        try (ChatClient first = connect(userId);
                ChatClient second = connect(userId);
                ChatClient third =
                        ChatClient.connect(ws(), TestTokens.forUser(userId).sign())) {
            assertEquals(1008, third.awaitClose());
            assertTrue(first.isOpen());
        }
    }

    @Test
    void tooManyHandshakesFromOneAddressAreRefusedWith429() throws InterruptedException {
        int refused = 0;
        List<ChatClient> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 120 && refused == 0; i++) {
                try {
                    opened.add(connect(unique("burst")));
                } catch (java.util.concurrent.CompletionException e) {
                    if (e.getCause() instanceof java.net.http.WebSocketHandshakeException handshake
                            && handshake.getResponse().statusCode() == 429) {
                        refused++;
                    } else {
                        throw e;
                    }
                }
            }
        } finally {
            opened.forEach(ChatClient::close);
        }
        assertEquals(1, refused);
        assertTrue(
                opened.size() <= 15, "refused once the burst (twice the rate) was used: " + opened.size() + " got in");
        Thread.sleep(2_500); // let the allowance refill for the tests that follow
    }

    @Test
    void aConnectionWhoseTokenExpiresIsClosedWith4001() {
        String token = TestTokens.forUser(unique("brief"))
                .expiresAt(Instant.now().plusSeconds(2))
                .sign();
        try (ChatClient client = ChatClient.connect(ws(), token, Carrier.SUBPROTOCOL, Map.of())) {
            assertEquals(4001, client.awaitClose());
        }
    }

    @Test
    void aRenewedTokenKeepsTheConnectionOpenPastTheFirstExpiry() throws Exception {
        String userId = unique("renew");
        String shortLived = TestTokens.forUser(userId)
                .expiresAt(Instant.now().plusSeconds(2))
                .sign();
        try (ChatClient client = ChatClient.connect(ws(), shortLived, Carrier.SUBPROTOCOL, Map.of())) {
            Instant later = Instant.now().plusSeconds(600);
            JsonObject renewed = client.ok(frame(
                    "auth", "token", TestTokens.forUser(userId).expiresAt(later).sign()));
            assertEquals("authenticated", renewed.getString("type"));
            assertTrue(Instant.parse(renewed.getString("expires_at"))
                    .isAfter(Instant.now().plusSeconds(500)));
            Thread.sleep(4_500);
            assertEquals("rooms", client.ok(frame("rooms")).getString("type"));
        }
    }

    @Test
    void aRenewedTokenMustBelongToTheSameUserAndBeValid() {
        try (ChatClient client = connect(unique("owner"))) {
            assertEquals(
                    "forbidden",
                    client.request(frame(
                                    "auth",
                                    "token",
                                    TestTokens.forUser(unique("other")).sign()))
                            .getString("code"));
            assertEquals(
                    "unauthorized",
                    client.request(frame(
                                    "auth", "token", TestTokens.forUser("x").signWithUntrustedKey()))
                            .getString("code"));
            assertEquals("rooms", client.ok(frame("rooms")).getString("type"));
        }
    }

    /** Why a token was refused (an unknown key, an endpoint that cannot be reached) stays in the server's log. */
    @Test
    void aRefusedRenewalIsToldTheHandshakesFixedWordsNeverTheVerifiersReason() {
        try (ChatClient client = connect(unique("owner"))) {
            for (String refused : List.of(
                    TestTokens.forUser("x").signWithUntrustedKey(),
                    TestTokens.forUser("x").keyId("no-such-key").sign(),
                    TestTokens.forUser("x").issuer("https://elsewhere.example").sign(),
                    TestTokens.forUser("x").claim("typ", "ID").sign(),
                    "not.a.token")) {
                JsonObject answer = client.request(frame("auth", "token", refused));
                assertEquals("unauthorized", answer.getString("code"), answer.toString());
                assertEquals("invalid or missing token", answer.getString("message"), answer.toString());
            }
        }
    }
}
