package app.chat.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy sameOriginOnly = new OriginPolicy(Set.of());

    @Test
    void allowsHandshakesWithoutOriginFromNonBrowserClients() {
        assertTrue(sameOriginOnly.permits(null, "chat.example.com"));
    }

    @Test
    void allowsThePageServedByTheServerItself() {
        assertTrue(sameOriginOnly.permits("http://localhost:8080", "localhost:8080"));
        assertTrue(sameOriginOnly.permits("https://chat.example.com", "chat.example.com"));
        assertTrue(sameOriginOnly.permits("https://Chat.Example.com/", "chat.example.com:443"));
    }

    @Test
    void refusesAnotherSite() {
        assertFalse(sameOriginOnly.permits("https://evil.example", "chat.example.com"));
        assertFalse(sameOriginOnly.permits("https://chat.example.com.evil.example", "chat.example.com"));
    }

    @Test
    void refusesTheSameHostOnAnotherPort() {
        assertFalse(sameOriginOnly.permits("http://localhost:3000", "localhost:8080"));
    }

    @Test
    void refusesOpaqueAndMalformedOrigins() {
        assertFalse(sameOriginOnly.permits("null", "chat.example.com"));
        assertFalse(sameOriginOnly.permits("file://", "chat.example.com"));
        assertFalse(sameOriginOnly.permits("::::", "chat.example.com"));
    }

    @Test
    void allowsListedOriginsExactly() {
        OriginPolicy policy = new OriginPolicy(Set.of("https://app.example.com", "http://localhost:5173"));
        assertTrue(policy.permits("https://app.example.com", "chat.example.com"));
        assertTrue(policy.permits("http://localhost:5173", "chat.example.com"));
        assertFalse(policy.permits("https://app.example.com:8443", "chat.example.com"));
        assertFalse(policy.permits("http://app.example.com", "chat.example.com"));
    }

    @Test
    void wildcardAllowsEveryOrigin() {
        assertTrue(new OriginPolicy(Set.of("*")).permits("https://anything.example", "chat.example.com"));
    }
}
