package app.chat.it;

import app.chat.testsupport.BrowserTests;
import app.chat.testsupport.KeycloakProcess;
import app.chat.testsupport.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Single sign-on as a company runs it: a real Keycloak with the realm of
 * src/test/resources/keycloak (a public client with PKCE, an audience mapper, access tokens of 30
 * seconds, two people with passwords) and the product configured for it as docs/configuration.md
 * says. The browser tests (src/main/frontend/e2e/sso) sign in through Keycloak's login form, chat,
 * stay connected across several token lifetimes, see a revoked session end, and sign out.
 *
 * <p>Runs beside the other test classes: it starts a Keycloak and a server of its own, shares only
 * the database (with people of its own), and spends most of its two minutes waiting for tokens to
 * expire.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(1) // beside the others, the longest first (pom.xml)
class KeycloakBrowserIT {

    @Test
    void peopleSignInThroughKeycloakStayConnectedAcrossTokenExpiriesAndSignOut() throws Exception {
        int chatPort = ServerProcess.freePort();
        String chatUrl = "http://127.0.0.1:" + chatPort;
        String realm = Files.readString(Path.of("src/test/resources/keycloak/acme-realm.json"))
                .replace("@CHAT_URL@", chatUrl);
        try (KeycloakProcess keycloak = KeycloakProcess.start(realm);
                ServerProcess server = ServerProcess.start(
                        Map.of(
                                "CHAT_OIDC_ISSUER",
                                keycloak.issuer(),
                                "CHAT_OIDC_CLIENT_ID",
                                "chat-web",
                                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                                keycloak.jwksUrl(),
                                "MP_JWT_VERIFY_ISSUER",
                                keycloak.issuer(),
                                "MP_JWT_VERIFY_AUDIENCES",
                                "chat-web",
                                "CHAT_DEV_LOGIN",
                                "false"),
                        chatPort)) {
            BrowserTests.run(
                    "e2e:sso",
                    Map.of(
                            "CHAT_BASE_URL",
                            chatUrl + "/",
                            "KEYCLOAK_URL",
                            keycloak.url(),
                            "KEYCLOAK_REALM",
                            KeycloakProcess.REALM));
        }
    }
}
