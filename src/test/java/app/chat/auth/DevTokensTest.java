package app.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.TestTokens;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev login tokens and SSO tokens can never stand in for each other. */
class DevTokensTest {

    private final DevTokens dev = new DevTokens(Duration.ofSeconds(60), Clock.systemUTC());

    @Test
    void devTokensNameTheirOwnIssuerAndAudience() throws Exception {
        SignedJWT token = SignedJWT.parse(dev.issue("alice", "Alice").token());
        assertEquals(DevTokens.ISSUER, token.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(DevTokens.ISSUER), token.getJWTClaimsSet().getAudience());
    }

    @Test
    void theDevVerifierAcceptsItsOwnTokensOnly() throws Exception {
        assertEquals(
                "dev:alice",
                dev.verifier().verify(dev.issue("alice", "Alice").token()).id());
        // Signed by the SSO's key, even naming the dev issuer and audience: not a dev token.
        String ssoSigned = TestTokens.forUser("mallory")
                .issuer(DevTokens.ISSUER)
                .audience(DevTokens.ISSUER)
                .sign();
        assertThrows(TokenRejected.class, () -> dev.verifier().verify(ssoSigned));
    }

    @Test
    void theSsoVerifierRefusesDevTokens() throws Exception {
        VerificationSettings sso = new VerificationSettings(
                Optional.of(TestTokens.resource("keys/test-rsa-public.pem")),
                Optional.empty(),
                "RS256",
                Optional.of(TestTokens.ISSUER),
                Set.of(TestTokens.AUDIENCE),
                Duration.ofSeconds(60));
        TokenVerifier verifier = new TokenVerifier(sso, VerificationKeys.from(sso), Set.of("RS256"));
        assertThrows(
                TokenRejected.class,
                () -> verifier.verify(dev.issue("alice", "Alice").token()));
    }

    @Test
    void devIdentitiesLiveInTheirOwnNamespace() {
        assertEquals("dev:alice", dev.issue("alice", "Alice").userId());
    }

    @Test
    void anSsoTokenNamingADevIdentityIsRefused() {
        VerifiedTokens.Verification sso = token -> new AuthenticatedUser("dev:alice", "Alice", null, Instant.MAX);
        String token = TestTokens.forUser("dev:alice").sign();
        assertThrows(TokenRejected.class, () -> Authentication.ssoPeople(sso).verify(token));
    }

    @Test
    void aDevTokenCanNameNobodyButADevIdentity() throws Exception {
        // A dev key shared with a file on several instances must still not mint an SSO person's id.
        DevTokens shared =
                DevTokens.withKey(file("keys/test-rsa-private.pem"), Duration.ofSeconds(60), Clock.systemUTC());
        String signedWithTheDevKey = TestTokens.forUser("8e209776")
                .issuer(DevTokens.ISSUER)
                .audience(DevTokens.ISSUER)
                .sign();
        assertThrows(TokenRejected.class, () -> shared.verifier().verify(signedWithTheDevKey));
    }

    @Test
    void bothKindsPassWhereEachNamesItsOwn() throws Exception {
        assertEquals(
                "dev:alice",
                dev.verifier().verify(dev.issue("alice", "Alice").token()).id());
        VerifiedTokens.Verification sso = token -> new AuthenticatedUser("8e209776", "Alice", null, Instant.MAX);
        assertEquals(
                "8e209776",
                Authentication.ssoPeople(sso)
                        .verify(TestTokens.forUser("8e209776").sign())
                        .id());
    }

    @TempDir
    Path files;

    private Path file(String resource) throws Exception {
        Path file = files.resolve(Path.of(resource).getFileName());
        Files.writeString(file, TestTokens.resource(resource));
        return file;
    }

    @Test
    void instancesGivenTheSameKeyFileAcceptEachOthersDevTokens() throws Exception {
        Path key = file("keys/test-rsa-private.pem");
        DevTokens one = DevTokens.withKey(key, Duration.ofSeconds(60), Clock.systemUTC());
        DevTokens other = DevTokens.withKey(key, Duration.ofSeconds(60), Clock.systemUTC());

        assertEquals(
                "dev:alice",
                other.verifier().verify(one.issue("alice", "Alice").token()).id());
    }

    @Test
    void aKeyFileThatHoldsNoPrivateKeyIsRefusedWithItsName() throws Exception {
        Path notAKey = file("keys/test-rsa-public.pem");

        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> DevTokens.withKey(notAKey, Duration.ofSeconds(60), Clock.systemUTC()));
        assertTrue(refused.getMessage().contains("test-rsa-public.pem"));
    }
}
