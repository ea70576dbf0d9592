package app.chat.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Builds tokens as the company's SSO would, signed by the test key pair in src/test/resources/keys
 * (whose public half the server under test trusts), and the forged kinds a verifier must refuse.
 */
public final class TestTokens {

    public static final String ISSUER = "https://sso.test.example";
    public static final String AUDIENCE = "chat";

    private String subject;
    private String name;
    private String email;
    private String issuer = ISSUER;
    private List<String> audience = List.of(AUDIENCE);
    private Instant issuedAt = Instant.now();
    private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
    private Instant notBefore;
    private String keyId;
    private JOSEObjectType type = JOSEObjectType.JWT;
    private final java.util.Map<String, Object> extraClaims = new java.util.LinkedHashMap<>();

    private TestTokens(String subject) {
        this.subject = subject;
    }

    public static TestTokens forUser(String subject) {
        return new TestTokens(subject);
    }

    public TestTokens name(String name) {
        this.name = name;
        return this;
    }

    public TestTokens email(String email) {
        this.email = email;
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String... audience) {
        this.audience = List.of(audience);
        return this;
    }

    public TestTokens expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public TestTokens notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return this;
    }

    public TestTokens keyId(String keyId) {
        this.keyId = keyId;
        return this;
    }

    /** A claim of the SSO's own, such as Keycloak's {@code typ} or an ID token's {@code nonce}. */
    public TestTokens claim(String name, Object value) {
        extraClaims.put(name, value);
        return this;
    }

    /** The header's {@code typ}, e.g. {@code at+jwt} (RFC 9068); null leaves it out. */
    public TestTokens type(String type) {
        this.type = type == null ? null : new JOSEObjectType(type);
        return this;
    }

    public TestTokens withoutSubject() {
        this.subject = null;
        return this;
    }

    /** Signed RS256 by the key the server trusts. */
    public String sign() {
        return signWith(JWSAlgorithm.RS256, signer(rsaKey("keys/test-rsa-private.pem")));
    }

    /** Signed RS256 by a key nobody trusts. */
    public String signWithUntrustedKey() {
        return signWith(JWSAlgorithm.RS256, signer(rsaKey("keys/other-rsa-private.pem")));
    }

    /** Signed ES256 by the test EC key. */
    public String signEs256() {
        try {
            var publicKey = (ECPublicKey) publicKeyOf("keys/test-ec-private.pem", "EC");
            ECKey key = new ECKey.Builder(Curve.P_256, publicKey)
                    .privateKey(privateKey("keys/test-ec-private.pem", "EC"))
                    .build();
            return signWith(JWSAlgorithm.ES256, new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic key-confusion forgery: HS256 with the server's public key as the HMAC secret. */
    public String signHs256WithPublicKeyAsSecret() {
        try {
            byte[] secret = resource("keys/test-rsa-public.pem").getBytes(StandardCharsets.US_ASCII);
            return signWith(JWSAlgorithm.HS256, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    public String unsigned() {
        return new PlainJWT(claims()).serialize();
    }

    public static RSAKey trustedRsaKey() {
        return rsaKey("keys/test-rsa-private.pem");
    }

    public static String resource(String path) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String signWith(JWSAlgorithm algorithm, JWSSigner signer) {
        var header = new JWSHeader.Builder(algorithm).type(type);
        if (keyId != null) {
            header.keyID(keyId);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private JWTClaimsSet claims() {
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        if (!audience.isEmpty()) {
            claims.audience(audience);
        }
        if (email != null) {
            claims.claim("email", email);
        }
        if (name != null) {
            claims.claim("name", name);
        }
        if (notBefore != null) {
            claims.notBeforeTime(Date.from(notBefore));
        }
        extraClaims.forEach(claims::claim);
        return claims.build();
    }

    private static RSAKey rsaKey(String path) {
        return new RSAKey.Builder((RSAPublicKey) publicKeyOf(path, "RSA"))
                .privateKey(privateKey(path, "RSA"))
                .build();
    }

    /** Test keys are PKCS#8 PEM files; the public half is derived by the JDK. */
    static PrivateKey privateKey(String path, String algorithm) {
        String body = resource(path).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey publicKeyOf(String privatePath, String algorithm) {
        try {
            if (algorithm.equals("RSA")) {
                var key = (RSAPrivateCrtKey) privateKey(privatePath, algorithm);
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            }
            String publicPath = privatePath.replace("private", "public");
            String body =
                    resource(publicPath).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance(algorithm)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
