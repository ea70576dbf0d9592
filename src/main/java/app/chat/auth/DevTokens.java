package app.chat.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens the server issues itself when dev login is on, signed by a key that lives only as long as
 * the process: a restart invalidates every dev token, which is what a trial setup wants.
 */
public final class DevTokens {

    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;
    /**
     * Dev tokens name this issuer and audience, never the SSO's: they are verified only by the dev
     * login's own key and can never pass for, or be passed by, a token of the SSO.
     */
    public static final String ISSUER = "chat-dev-login";
    /**
     * Every dev identity's id starts with this, and no SSO token's subject may: a dev token can
     * never name a person of the company's directory, whatever the configuration.
     */
    public static final String ID_PREFIX = "dev:";

    /** Long enough for a day of trying the product, short enough not to matter if one leaks. */
    public static final Duration LIFETIME = Duration.ofHours(8);

    private final RSAKey key;
    private final Duration clockSkew;
    private final Clock clock;

    /** With a key generated for this process: a restart invalidates every dev token. */
    public DevTokens(Duration clockSkew, Clock clock) {
        this(generatedKey(), clockSkew, clock);
    }

    private DevTokens(RSAKey key, Duration clockSkew, Clock clock) {
        this.key = key;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * With the RSA private key in the PEM file (PKCS#8, "BEGIN PRIVATE KEY"), for several instances
     * behind one load balancer: a dev token issued by one is then accepted by all
     * ({@code chat.dev-login.key-location}).
     */
    public static DevTokens withKey(Path pemFile, Duration clockSkew, Clock clock) {
        try {
            String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalArgumentException(
                        pemFile + " is not a PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new DevTokens(
                    new RSAKey.Builder(key)
                            .keyID("chat-dev-" + key.computeThumbprint())
                            .build(),
                    clockSkew,
                    clock);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the dev login key " + pemFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | ClassCastException | JOSEException e) {
            throw new IllegalArgumentException(pemFile + " does not hold an RSA private key: " + e.getMessage(), e);
        }
    }

    private static RSAKey generatedKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("chat-dev-" + UUID.randomUUID())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the dev login key", e);
        }
    }

    /**
     * Checks dev tokens: this key, the dev issuer and audience, and a dev identity as subject (a key
     * shared by file among instances must still not name anyone of the SSO), and nothing else.
     */
    VerifiedTokens.Verification verifier() {
        VerificationSettings settings = new VerificationSettings(
                Optional.empty(),
                Optional.empty(),
                ALGORITHM.getName(),
                Optional.of(ISSUER),
                Set.of(ISSUER),
                clockSkew);
        JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
        TokenVerifier verifier = new TokenVerifier(settings, keys, Set.of(ALGORITHM.getName()));
        return token -> {
            AuthenticatedUser user = verifier.verify(token);
            if (!isDevIdentity(user.id())) {
                throw new TokenRejected("token has no usable subject");
            }
            return user;
        };
    }

    /** A token for the dev identity {@code dev:<name>}: {@link IssuedToken#userId()} says the id it names. */
    public IssuedToken issue(String name, String displayName) {
        String userId = ID_PREFIX + name;
        Instant now = clock.instant();
        Instant expiry = now.plus(LIFETIME);
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(ISSUER)
                .subject(userId)
                .claim("name", displayName)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString());
        var header = new JWSHeader.Builder(ALGORITHM)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return new IssuedToken(jwt.serialize(), userId, expiry);
    }

    static boolean isDevIdentity(String userId) {
        return userId.startsWith(ID_PREFIX);
    }

    public record IssuedToken(String token, String userId, Instant expiresAt) {}
}
