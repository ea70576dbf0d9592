package app.chat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            if (directive.strip().startsWith(name + " ")) {
                return directive.strip();
            }
        }
        return "";
    }

    @Test
    void connectionsGoOnlyToThisServerAndTheConfiguredSignInOriginEvenOverPlainHttp() {
        String policy =
                ContentSecurityPolicy.forPage("chat.example.com", Set.of("http://keycloak.internal:8180"), false);
        assertEquals(
                "connect-src 'self' ws://chat.example.com wss://chat.example.com http://keycloak.internal:8180",
                directive(policy, "connect-src"));
        assertEquals("frame-src 'self' http://keycloak.internal:8180", directive(policy, "frame-src"));
        assertEquals("form-action 'self' http://keycloak.internal:8180", directive(policy, "form-action"));
    }

    @Test
    void withoutSingleSignOnNothingBeyondThisServerIsAllowed() {
        String policy = ContentSecurityPolicy.forPage("localhost:8080", Set.of(), false);
        assertEquals("connect-src 'self' ws://localhost:8080 wss://localhost:8080", directive(policy, "connect-src"));
        assertFalse(policy.contains("https:"));
    }

    @Test
    void aHostHeaderThatCouldInjectDirectivesIsLeftOut() {
        String policy = ContentSecurityPolicy.forPage("evil; script-src *", Set.of(), false);
        assertEquals("connect-src 'self'", directive(policy, "connect-src"));
        assertTrue(directive(policy, "script-src").equals("script-src 'self'"));
    }

    @Test
    void onlyTheSignInCallbackMayBeFramedAndOnlyByThePageItself() {
        assertEquals(
                "frame-ancestors 'none'",
                directive(ContentSecurityPolicy.forPage("h", Set.of(), false), "frame-ancestors"));
        assertEquals(
                "frame-ancestors 'self'",
                directive(ContentSecurityPolicy.forPage("h", Set.of(), true), "frame-ancestors"));
    }

    @Test
    void endpointsTheDiscoveryDocumentPlacesElsewhereAreAllowedAndNothingElse() {
        JsonObject discovery = Json.createObjectBuilder()
                .add("issuer", "https://sso.example.com/tenant")
                .add("authorization_endpoint", "https://login.example.net/authorize")
                .add("token_endpoint", "https://sso.example.com/tenant/token")
                .add("jwks_uri", "https://keys.example.org/keys")
                .add("end_session_endpoint", "javascript:alert(1)")
                .build();
        assertEquals(
                Set.of("https://sso.example.com", "https://login.example.net"),
                SignInOrigins.withEndpoints(Set.of("https://sso.example.com"), discovery));
    }

    @Test
    void onlyHttpIssuersGiveAnOrigin() {
        assertEquals(
                Optional.of("https://sso.example.com"),
                ContentSecurityPolicy.origin("https://sso.example.com/realms/x"));
        assertEquals(Optional.empty(), ContentSecurityPolicy.origin("javascript:alert(1)"));
        assertEquals(Optional.empty(), ContentSecurityPolicy.origin("not a url"));
    }
}
