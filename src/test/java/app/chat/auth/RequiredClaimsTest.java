package app.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With a real key configured, the server only starts when tokens must name our issuer and audience. */
class RequiredClaimsTest {

    private static VerificationSettings withKey(Optional<String> issuer, Set<String> audiences) {
        return new VerificationSettings(
                Optional.empty(),
                Optional.of("https://sso.example/jwks"),
                "RS256",
                issuer,
                audiences,
                Duration.ofSeconds(60));
    }

    @Test
    void aKeyWithoutAnIssuerRefusesToStart() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> Authentication.required(withKey(Optional.empty(), Set.of("chat")), Optional.empty()));
        assertTrue(refused.getMessage().contains("MP_JWT_VERIFY_ISSUER"));
    }

    @Test
    void aKeyWithoutAnyAudienceRefusesToStart() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> Authentication.required(withKey(Optional.of("https://sso.example"), Set.of()), Optional.empty()));
        assertTrue(refused.getMessage().contains("MP_JWT_VERIFY_AUDIENCES"));
    }

    @Test
    void theWebClientsIdIsTheAudienceWhenNoneIsGiven() {
        VerificationSettings settings =
                Authentication.required(withKey(Optional.of("https://sso.example"), Set.of()), Optional.of("chat-web"));
        assertEquals(Set.of("chat-web"), settings.audiences());
    }

    @Test
    void withoutAKeyNothingIsRequired() {
        VerificationSettings none = new VerificationSettings(
                Optional.empty(), Optional.empty(), "RS256", Optional.empty(), Set.of(), Duration.ofSeconds(60));
        assertEquals(none, Authentication.required(none, Optional.empty()));
    }
}
