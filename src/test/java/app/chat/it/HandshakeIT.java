package app.chat.it;

import static app.chat.testsupport.ChatDeployment.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.ChatClient.Carrier;
import app.chat.testsupport.ChatDeployment;
import app.chat.testsupport.DeployedChat;
import app.chat.testsupport.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may open the socket: the token carriers, every kind of bad token, and browser origins. */
class HandshakeIT extends DeployedChat {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ChatDeployment.war();
    }

    private int refused(String token) {
        return ChatClient.refusedStatus(ws(), token, Carrier.SUBPROTOCOL, Map.of());
    }

    @ParameterizedTest
    @EnumSource(Carrier.class)
    void aValidTokenOpensTheSocketWhicheverWayItIsCarried(Carrier carrier) {
        String user = unique("carrier");
        try (ChatClient client =
                ChatClient.connect(ws(), TestTokens.forUser(user).name("Carrie").sign(), carrier, Map.of())) {
            JsonObject users = client.watch(user);
            assertTrue(users.getJsonArray("users").stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(u -> u.getString("id").equals(user)
                            && u.getString("name").equals("Carrie")
                            && u.getBoolean("online")));
        }
    }

    @Test
    void theServerAnswersChatV1AndNeverEchoesTheToken() {
        try (ChatClient client =
                ChatClient.connect(ws(), TestTokens.forUser(unique("sp")).sign())) {
            assertEquals("chat.v1", client.subprotocol());
        }
    }

    @Test
    void aClientOfferingChatV2BesideChatV1GetsChatV2() {
        try (ChatClient client = ChatClient.connectWithLines(
                ws(), TestTokens.forUser(unique("v2")).sign())) {
            assertEquals("chat.v2", client.subprotocol());
        }
    }

    @Test
    void aMissingTokenIsRefusedWith401() {
        var request = HttpRequest.newBuilder(URI.create(base + "ws")).build();
        assertEquals(401, ChatClient.refusedStatus(ws(), "", Carrier.QUERY_PARAMETER, Map.of()));
        assertEquals(401, send(request).statusCode());
    }

    @Test
    void aMalformedTokenIsRefusedWith401() {
        assertEquals(401, refused("not-a-jwt"));
    }

    @Test
    void anExpiredTokenIsRefusedWith401() {
        assertEquals(
                401,
                refused(TestTokens.forUser("u")
                        .expiresAt(Instant.now().minusSeconds(300))
                        .sign()));
    }

    @Test
    void aNotYetValidTokenIsRefusedWith401() {
        assertEquals(
                401,
                refused(TestTokens.forUser("u")
                        .notBefore(Instant.now().plusSeconds(600))
                        .sign()));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedWith401() {
        assertEquals(401, refused(TestTokens.forUser("u").signWithUntrustedKey()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedWith401() {
        assertEquals(
                401,
                refused(TestTokens.forUser("u").issuer("https://evil.example").sign()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedWith401() {
        assertEquals(401, refused(TestTokens.forUser("u").audience("payroll").sign()));
    }

    @Test
    void anUnsignedTokenIsRefusedWith401() {
        assertEquals(401, refused(TestTokens.forUser("u").unsigned()));
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefusedWith401() {
        assertEquals(401, refused(TestTokens.forUser("u").signHs256WithPublicKeyAsSecret()));
    }

    @Test
    void aTokenWithoutSubjectIsRefusedWith401() {
        assertEquals(401, refused(TestTokens.forUser("u").withoutSubject().sign()));
    }

    @Test
    void aPageFromAnotherSiteIsRefusedWith403() {
        assertEquals(
                403,
                ChatClient.refusedStatus(
                        ws(),
                        TestTokens.forUser("u").sign(),
                        Carrier.SUBPROTOCOL,
                        Map.of("Origin", "https://evil.example")));
    }

    @Test
    void anAllowedOriginAndTheServersOwnOriginAreAccepted() {
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        for (String origin : new String[] {"https://chat.test.example", own}) {
            try (ChatClient client = ChatClient.connect(
                    ws(), TestTokens.forUser(unique("o")).sign(), Carrier.SUBPROTOCOL, Map.of("Origin", origin))) {
                assertEquals(
                        "rooms",
                        client.ok(Json.createObjectBuilder().add("type", "rooms"))
                                .getString("type"));
            }
        }
    }

    @Test
    void devLoginIsOffUnlessAskedFor() {
        var request = HttpRequest.newBuilder(URI.create(base + "api/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\"}"))
                .build();
        assertEquals(404, send(request).statusCode());
    }

    @Test
    void readinessReportsTheDatabaseUpAndTheInstanceAcceptingConnections() throws Exception {
        assertChecksUp("/health/ready", "database", "accepting-connections");
    }

    @Test
    void livenessReportsTheMessageWriterRunning() throws Exception {
        assertChecksUp("/health/live", "message-writer");
    }

    @Test
    void startupReportsTheSchemaMigrated() throws Exception {
        JsonObject started = assertChecksUp("/health/started", "schema-migrated");
        JsonObject check = started.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("schema-migrated"))
                .findFirst()
                .orElseThrow();
        assertTrue(check.getJsonObject("data").getString("schema").matches("\\d+"), check.toString());
    }

    /** The endpoint answers 200 and each named check is there and UP. */
    private JsonObject assertChecksUp(String path, String... names) throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(base.toURI().resolve(path)).build());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health =
                Json.createReader(new java.io.StringReader(response.body())).readObject();
        for (String name : names) {
            assertTrue(
                    health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                            .anyMatch(check -> check.getString("name").equals(name)
                                    && check.getString("status").equals("UP")),
                    name + " in " + response.body());
        }
        return health;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
