package app.chat.auth;

import app.chat.protocol.Characters;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a bearer token proves who someone is. Only signatures by the configured keys with
 * the configured algorithm count, so {@code alg: none}, HMAC tokens keyed with the public key and
 * tokens signed by anyone else are all refused.
 */
public final class TokenVerifier {

    /** Real access tokens are 1 to 4 KB; refusing giants early keeps parsing cheap. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** Matches the users.id column. */
    static final int MAX_SUBJECT_LENGTH = 255;

    static final int MAX_DISPLAY_NAME_LENGTH = 200;

    /** RFC 5321's limit on an address's length; the users.email column holds as much. */
    private static final int MAX_EMAIL_LENGTH = 320;

    /** RFC 9068's media type, short and long. */
    private static final Set<JOSEObjectType> AT_JWT =
            Set.of(new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Duration clockSkew;

    public TokenVerifier(VerificationSettings settings, JWKSource<SecurityContext> keys, Set<String> algorithms) {
        this.clockSkew = settings.clockSkew();
        Set<JWSAlgorithm> accepted =
                algorithms.stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(accepted, keys));
        // Plain JWTs and RFC 9068 access tokens are both what SSOs hand out; an absent typ is common.
        Set<JOSEObjectType> types = new HashSet<>(AT_JWT);
        types.add(JOSEObjectType.JWT);
        types.add(null);
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(types));
        JWTClaimsSet exactMatch = settings.issuer()
                .map(issuer -> new JWTClaimsSet.Builder().issuer(issuer).build())
                .orElse(new JWTClaimsSet.Builder().build());
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(
                settings.audiences().isEmpty() ? null : new HashSet<>(settings.audiences()),
                exactMatch,
                Set.of("sub", "exp"),
                Set.of());
        claims.setMaxClockSkew(
                (int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public AuthenticatedUser verify(String token) throws TokenRejected {
        if (token == null || token.isBlank()) {
            throw new TokenRejected("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejected("token too large");
        }
        JWTClaimsSet claims;
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
            claims = processor.process(jwt, null);
        } catch (ParseException e) {
            throw new TokenRejected("malformed token");
        } catch (BadJOSEException e) {
            throw new TokenRejected(e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new TokenRejected("token cannot be verified: " + e.getMessage());
        }
        if (isIdToken(claims)) {
            throw new TokenRejected("an ID token, not an access token");
        }
        JOSEObjectType type = jwt.getHeader().getType();
        if (type != null && AT_JWT.contains(type) && !hasAccessTokenClaims(claims)) {
            throw new TokenRejected("an at+jwt token without the claims RFC 9068 requires");
        }
        return userFrom(claims, clockSkew);
    }

    /** RFC 9068 2.2: a token that calls itself a JWT access token carries these besides iss, exp, aud and sub. */
    private static boolean hasAccessTokenClaims(JWTClaimsSet claims) {
        return claims.getIssueTime() != null
                && claims.getJWTID() != null
                && claims.getClaim("client_id") instanceof String
                && !claims.getAudience().isEmpty();
    }

    /**
     * An ID token tells the client who signed in; it is not a credential for calling us, and the
     * client's own id is its audience, which is often ours too. Providers mark their ID tokens:
     * Keycloak's {@code typ: ID}, the {@code nonce} the client sent (OpenID Connect Core 3.1.3.6:
     * only ID tokens echo it) and the hashes that bind an ID token to a code or access token.
     */
    static boolean isIdToken(JWTClaimsSet claims) {
        return (claims.getClaim("typ") instanceof String type && type.equalsIgnoreCase("ID"))
                || claims.getClaim("nonce") != null
                || claims.getClaim("at_hash") != null
                || claims.getClaim("c_hash") != null;
    }

    private static AuthenticatedUser userFrom(JWTClaimsSet claims, Duration clockSkew) throws TokenRejected {
        String subject = claims.getSubject();
        if (subject == null
                || subject.isBlank()
                || subject.length() > MAX_SUBJECT_LENGTH
                || !Characters.isPlain(subject)) {
            throw new TokenRejected("token has no usable subject");
        }
        String name = firstText(claims, "name", "preferred_username", "upn");
        if (name == null) {
            name = subject;
        }
        if (name.length() > MAX_DISPLAY_NAME_LENGTH) {
            name = name.substring(0, MAX_DISPLAY_NAME_LENGTH);
        }
        String email = firstText(claims, "email", "upn");
        if (email != null && email.length() > MAX_EMAIL_LENGTH) {
            email = null; // no address is that long: not one to find anyone by
        }
        return new AuthenticatedUser(
                subject, name, email, claims.getExpirationTime().toInstant().plus(clockSkew));
    }

    private static String firstText(JWTClaimsSet claims, String... names) {
        for (String claim : names) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text) {
                // Direction overrides and invisible characters in names are how people are impersonated.
                String shown = Characters.withoutHidden(text);
                if (Characters.hasVisible(shown) && Characters.isStorable(shown)) {
                    return shown;
                }
            }
        }
        return null;
    }
}
