package app.chat.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How tokens are verified, as given by the MicroProfile JWT configuration keys
 * ({@code mp.jwt.verify.*}); see docs/configuration.md.
 *
 * @param publicKey         inline PEM public key or JWKS document
 * @param publicKeyLocation file path, {@code file:} URL or http(s) URL of a PEM key or JWKS document
 * @param algorithm         the one signature algorithm accepted (RS256 or ES256)
 * @param issuer            the required {@code iss}, when set
 * @param audiences         when not empty, {@code aud} must contain one of these
 * @param clockSkew         tolerance for {@code exp} and {@code nbf}
 */
public record VerificationSettings(
        Optional<String> publicKey,
        Optional<String> publicKeyLocation,
        String algorithm,
        Optional<String> issuer,
        Set<String> audiences,
        Duration clockSkew) {

    public static final Set<String> SUPPORTED_ALGORITHMS = Set.of("RS256", "ES256");

    public VerificationSettings {
        if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException(
                    "mp.jwt.verify.publickey.algorithm must be one of " + SUPPORTED_ALGORITHMS + ", not " + algorithm);
        }
        publicKey = publicKey.filter(value -> !value.isBlank());
        publicKeyLocation = publicKeyLocation.filter(value -> !value.isBlank());
        issuer = issuer.filter(value -> !value.isBlank());
        audiences = Set.copyOf(audiences);
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("mp.jwt.verify.clock.skew must not be negative");
        }
    }

    public boolean hasKey() {
        return publicKey.isPresent() || publicKeyLocation.isPresent();
    }
}
