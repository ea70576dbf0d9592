package app.chat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.ChatClient;
import app.chat.testsupport.OwnDatabase;
import app.chat.testsupport.ServerProcess;
import app.chat.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A configuration that would let in other applications' tokens never starts serving; the search
 * language is checked and applied at start-up.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(8) // beside the others, the longest first (pom.xml)
class StartupChecksIT {

    @Test
    void aVerificationKeyWithoutAnIssuerFailsTheDeploymentWithAClearMessage() throws Exception {
        try (ServerProcess server = ServerProcess.startUnchecked(Map.of("MP_JWT_VERIFY_ISSUER", ""))) {
            server.awaitLog("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) must be set", Duration.ofSeconds(90));
            // The server keeps running, but the application serves nothing: neither the socket's
            // 401 for a missing token nor the web client's configuration.
            assertNotEquals(401, server.status("/ws"));
            assertNotEquals(200, server.status("/api/config"));
        }
    }

    @Test
    void devLoginBesideAnSsoKeyFailsTheDeploymentNamingBothKeys() throws Exception {
        // The test environment configures the SSO's key; switching dev login on beside it must not start.
        try (ServerProcess server = ServerProcess.startUnchecked(Map.of("CHAT_DEV_LOGIN", "true"))) {
            server.awaitLog("chat.dev-login (CHAT_DEV_LOGIN) and a verification key", Duration.ofSeconds(90));
            assertNotEquals(200, server.status("/api/config"));
            assertNotEquals(401, server.status("/ws"));
        }
    }

    @Test
    void aSearchLanguageTheDatabaseDoesNotKnowStopsTheStartNamingTheOnesItKnows() throws Exception {
        try (ServerProcess server = ServerProcess.startUnchecked(Map.of("CHAT_SEARCH_LANGUAGE", "klingon"))) {
            server.awaitLog(
                    "chat.search.language is \"klingon\", which is not a text search configuration",
                    Duration.ofSeconds(90));
            server.awaitLog("english", Duration.ofSeconds(5));
            assertNotEquals(200, server.status("/api/config"));
        }
    }

    /** On a database of its own: the shared one keeps the simple configuration the other tests expect. */
    @Test
    void aConfiguredLanguageIndexesMessagesAgainAndFindsWordsByTheirStem() throws Exception {
        try (OwnDatabase database = OwnDatabase.create("chat_language")) {
            try (ServerProcess server = ServerProcess.start(
                            Map.of("CHAT_DB_URL", database.url(), "CHAT_SEARCH_LANGUAGE", "english"));
                    ChatClient alice = ChatClient.connect(
                            server.webSocket(), TestTokens.forUser("alice").sign())) {
                alice.join("releases");
                alice.post("releases", "We are deploying the new version today");
                JsonObject found = alice.ok(ChatClient.frame("search", "query", "deployed versions"));
                assertEquals(1, found.getJsonArray("results").size(), found.toString());
            }
            try (Connection db = database.connect();
                    Statement sql = db.createStatement();
                    ResultSet column = sql.executeQuery(
                            "select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'messages'::regclass"
                                    + " and pg_get_expr(adbin, adrelid) like '%to_tsvector%'")) {
                assertTrue(column.next());
                assertTrue(column.getString(1).contains("'english'::regconfig"), column.getString(1));
            }
        }
    }
}
