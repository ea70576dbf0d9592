package app.chat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
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
        String policy = new ContentSecurityPolicy(Optional.of("http://keycloak.internal:8180/realms/acme"))
                .forHost("chat.example.com");
        assertEquals(
                "connect-src 'self' ws://chat.example.com wss://chat.example.com http://keycloak.internal:8180",
                directive(policy, "connect-src"));
        assertEquals("frame-src 'self' http://keycloak.internal:8180", directive(policy, "frame-src"));
        assertEquals("form-action 'self' http://keycloak.internal:8180", directive(policy, "form-action"));
    }

    @Test
    void withoutSingleSignOnNothingBeyondThisServerIsAllowed() {
        String policy = new ContentSecurityPolicy(Optional.empty()).forHost("localhost:8080");
        assertEquals("connect-src 'self' ws://localhost:8080 wss://localhost:8080", directive(policy, "connect-src"));
        assertFalse(policy.contains("https:"));
    }

    @Test
    void aHostHeaderThatCouldInjectDirectivesIsLeftOut() {
        String policy = new ContentSecurityPolicy(Optional.empty()).forHost("evil; script-src *");
        assertEquals("connect-src 'self'", directive(policy, "connect-src"));
        assertTrue(directive(policy, "script-src").equals("script-src 'self'"));
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
