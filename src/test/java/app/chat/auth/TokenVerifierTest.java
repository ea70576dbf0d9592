package app.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.TestTokens;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {

    private static final String PUBLIC_PEM = TestTokens.resource("keys/test-rsa-public.pem");

    private static VerificationSettings settings(
            Optional<String> inlineKey, Optional<String> location, String algorithm) {
        return new VerificationSettings(
                inlineKey,
                location,
                algorithm,
                Optional.of(TestTokens.ISSUER),
                Set.of(TestTokens.AUDIENCE, "other-app"),
                Duration.ofSeconds(60));
    }

    private static TokenVerifier verifier(VerificationSettings settings) throws TokenRejected {
        return new TokenVerifier(settings, VerificationKeys.from(settings), Set.of(settings.algorithm()));
    }

    private static final Duration TEST_REFRESH_INTERVAL = Duration.ofMillis(500);

    private static TokenVerifier remoteVerifier(String url) throws TokenRejected {
        VerificationSettings settings = settings(Optional.empty(), Optional.of(url), "RS256");
        return new TokenVerifier(
                settings,
                VerificationKeys.from(settings, TEST_REFRESH_INTERVAL, Duration.ofMinutes(5)),
                Set.of("RS256"));
    }

    private static TokenVerifier rsaVerifier() throws TokenRejected {
        return verifier(settings(Optional.of(PUBLIC_PEM), Optional.empty(), "RS256"));
    }

    @Test
    void acceptsATokenSignedByTheConfiguredKeyAndReadsSubjectAndName() throws Exception {
        Instant expiry = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AuthenticatedUser user = rsaVerifier()
                .verify(TestTokens.forUser("u-123")
                        .name("Ada Lovelace")
                        .expiresAt(expiry)
                        .sign());
        assertEquals(new AuthenticatedUser("u-123", "Ada Lovelace", null, expiry.plusSeconds(60)), user);
    }

    @Test
    void readsTheEmailAddressThePeopleDirectoryFindsSomeoneBy() throws Exception {
        assertEquals(
                "ada@example.com",
                rsaVerifier()
                        .verify(TestTokens.forUser("u-e")
                                .email("ada@example.com")
                                .sign())
                        .email());
    }

    @Test
    void displayNameFallsBackToTheSubject() throws Exception {
        assertEquals(
                "u-9", rsaVerifier().verify(TestTokens.forUser("u-9").sign()).displayName());
    }

    @Test
    void directionOverridesAndInvisibleCharactersAreRemovedFromDisplayNames() throws Exception {
        assertEquals(
                "Mallory",
                rsaVerifier()
                        .verify(TestTokens.forUser("u-m")
                                .name("\u202EMal\u200Blory\u0007")
                                .sign())
                        .displayName());
        assertEquals(
                "u-blank",
                rsaVerifier()
                        .verify(TestTokens.forUser("u-blank")
                                .name("\u200B\u2066 \u2069")
                                .sign())
                        .displayName());
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        String token = TestTokens.forUser("u")
                .expiresAt(Instant.now().minusSeconds(120))
                .sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkew() throws Exception {
        String token = TestTokens.forUser("u")
                .expiresAt(Instant.now().minusSeconds(20))
                .sign();
        assertEquals("u", rsaVerifier().verify(token).id());
    }

    @Test
    void refusesATokenNotYetValid() throws Exception {
        String token = TestTokens.forUser("u")
                .notBefore(Instant.now().plusSeconds(600))
                .sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesATokenSignedByAnotherKey() throws Exception {
        String token = TestTokens.forUser("u").signWithUntrustedKey();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesAnotherIssuer() throws Exception {
        String token = TestTokens.forUser("u").issuer("https://evil.example").sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesATokenForAnotherAudience() throws Exception {
        String token = TestTokens.forUser("u").audience("payroll").sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void acceptsAnyOfTheConfiguredAudiences() throws Exception {
        String token = TestTokens.forUser("u").audience("payroll", "other-app").sign();
        assertEquals("u", rsaVerifier().verify(token).id());
    }

    @Test
    void refusesATokenWithoutAudienceWhenAudiencesAreConfigured() throws Exception {
        String token = TestTokens.forUser("u").audience().sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesAKeycloakIdTokenByItsTypClaim() throws Exception {
        String token = TestTokens.forUser("u").claim("typ", "ID").sign();
        TokenRejected refused =
                assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
        assertEquals("an ID token, not an access token", refused.getMessage());
    }

    @Test
    void refusesATokenCarryingTheNonceOnlyIdTokensEcho() throws Exception {
        String token = TestTokens.forUser("u").claim("nonce", "n-0S6_WzA2Mj").sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesATokenBoundToAnAccessTokenByAtHash() throws Exception {
        String token = TestTokens.forUser("u")
                .claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ")
                .sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void acceptsAKeycloakAccessTokenWhoseTypClaimIsBearer() throws Exception {
        String token = TestTokens.forUser("u").claim("typ", "Bearer").sign();
        assertEquals("u", rsaVerifier().verify(token).id());
    }

    @Test
    void acceptsAnRfc9068AccessToken() throws Exception {
        String token = TestTokens.forUser("u")
                .type("at+jwt")
                .claim("client_id", "chat-web")
                .claim("jti", "a1")
                .sign();
        assertEquals("u", rsaVerifier().verify(token).id());
    }

    @Test
    void refusesAnAtJwtTokenWithoutTheClaimsRfc9068Requires() throws Exception {
        String token = TestTokens.forUser("u").type("at+jwt").sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesATokenOfAnotherMediaType() throws Exception {
        String token = TestTokens.forUser("u").type("logout+jwt").sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void acceptsATokenWithoutTyp() throws Exception {
        assertEquals(
                "u",
                rsaVerifier().verify(TestTokens.forUser("u").type(null).sign()).id());
    }

    @Test
    void refusesAnUnsignedToken() throws Exception {
        String token = TestTokens.forUser("u").unsigned();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesAnHmacTokenKeyedWithThePublicKey() throws Exception {
        String token = TestTokens.forUser("u").signHs256WithPublicKeyAsSecret();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesATokenWithoutSubject() throws Exception {
        String token = TestTokens.forUser("u").withoutSubject().sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesABlankSubject() throws Exception {
        String token = TestTokens.forUser("  ").sign();
        assertThrows(TokenRejected.class, () -> rsaVerifier().verify(token));
    }

    @Test
    void refusesGarbage() throws Exception {
        TokenVerifier verifier = rsaVerifier();
        assertThrows(TokenRejected.class, () -> verifier.verify("not.a.jwt"));
        assertThrows(TokenRejected.class, () -> verifier.verify(""));
        assertThrows(TokenRejected.class, () -> verifier.verify("x".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1)));
    }

    @Test
    void refusesEveryTokenWhenNoKeyIsConfigured() throws Exception {
        TokenVerifier verifier = verifier(settings(Optional.empty(), Optional.empty(), "RS256"));
        String token = TestTokens.forUser("u").sign();
        assertThrows(TokenRejected.class, () -> verifier.verify(token));
    }

    @Test
    void verifiesEs256WhenConfiguredForIt() throws Exception {
        TokenVerifier verifier = verifier(
                settings(Optional.of(TestTokens.resource("keys/test-ec-public.pem")), Optional.empty(), "ES256"));
        assertEquals("e", verifier.verify(TestTokens.forUser("e").signEs256()).id());
        assertThrows(
                TokenRejected.class,
                () -> verifier.verify(TestTokens.forUser("e").sign()));
    }

    @Test
    void readsTheKeyFromAFileLocation(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("key.pem");
        Files.writeString(file, PUBLIC_PEM);
        TokenVerifier verifier = verifier(settings(Optional.empty(), Optional.of(file.toString()), "RS256"));
        assertEquals("f", verifier.verify(TestTokens.forUser("f").sign()).id());
    }

    @Test
    void readsAnInlineJwks() throws Exception {
        String jwks = new JWKSet(TestTokens.trustedRsaKey().toPublicJWK()).toString();
        TokenVerifier verifier = verifier(settings(Optional.of(jwks), Optional.empty(), "RS256"));
        assertEquals("j", verifier.verify(TestTokens.forUser("j").sign()).id());
    }

    @Test
    void refetchesARemoteJwksWhenAnUnknownKeyIdAppears() throws Exception {
        AtomicReference<String> served = new AtomicReference<>(new JWKSet().toString());
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = jwksServer(served, fetches);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            TokenVerifier verifier = remoteVerifier(url);
            assertThrows(
                    TokenRejected.class,
                    () -> verifier.verify(TestTokens.forUser("r").keyId("k1").sign()));
            int fetchesBeforeRotation = fetches.get();

            // The SSO rotates in a new key; the first token signed with it makes the server look again.
            served.set(new JWKSet(new com.nimbusds.jose.jwk.RSAKey.Builder(
                                    TestTokens.trustedRsaKey().toRSAPublicKey())
                            .keyID("k2")
                            .build())
                    .toString());
            Thread.sleep(TEST_REFRESH_INTERVAL.toMillis() + 100);
            assertEquals(
                    "r",
                    verifier.verify(TestTokens.forUser("r").keyId("k2").sign()).id());
            assertEquals(fetchesBeforeRotation + 1, fetches.get());

            // Known keys are served from the cache.
            verifier.verify(TestTokens.forUser("r").keyId("k2").sign());
            assertEquals(fetchesBeforeRotation + 1, fetches.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unknownKeyIdsDoNotMakeTheServerHammerTheSso() throws Exception {
        AtomicReference<String> served =
                new AtomicReference<>(new JWKSet(TestTokens.trustedRsaKey().toPublicJWK()).toString());
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = jwksServer(served, fetches);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            TokenVerifier verifier = remoteVerifier(url);
            for (int i = 0; i < 20; i++) {
                String forged = TestTokens.forUser("x").keyId("unknown-" + i).signWithUntrustedKey();
                assertThrows(TokenRejected.class, () -> verifier.verify(forged));
            }
            assertTrue(
                    fetches.get() <= 2,
                    "the first load and at most one refresh, not one fetch per token: " + fetches.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anOutageAtTheSsoDoesNotLockOutTokensWhoseKeysAreKnown() throws Exception {
        AtomicReference<String> served = new AtomicReference<>(new JWKSet(new com.nimbusds.jose.jwk.RSAKey.Builder(
                                TestTokens.trustedRsaKey().toRSAPublicKey())
                        .keyID("k1")
                        .build())
                .toString());
        HttpServer server = jwksServer(served, new AtomicInteger());
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        VerificationSettings settings = settings(Optional.empty(), Optional.of(url), "RS256");
        TokenVerifier verifier = new TokenVerifier(
                settings,
                VerificationKeys.from(settings, Duration.ofMillis(50), Duration.ofMillis(200)),
                Set.of("RS256"));
        assertEquals(
                "r", verifier.verify(TestTokens.forUser("r").keyId("k1").sign()).id());

        server.stop(0);
        Thread.sleep(400); // the cache's time to live is over: the keys must be fetched again, and cannot be

        assertEquals(
                "s", verifier.verify(TestTokens.forUser("s").keyId("k1").sign()).id());
        assertThrows(
                TokenRejected.class,
                () -> verifier.verify(TestTokens.forUser("x").keyId("k1").signWithUntrustedKey()));
    }

    private static HttpServer jwksServer(AtomicReference<String> served, AtomicInteger fetches) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
