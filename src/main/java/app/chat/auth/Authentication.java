package app.chat.auth;

import com.nimbusds.jwt.JWTParser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The application's one view of who may connect: the token verifier built from the MicroProfile JWT
 * keys, the dev login issuer when it is switched on, and the browser origin policy.
 */
@ApplicationScoped
public class Authentication {

    private static final Logger LOG = Logger.getLogger(Authentication.class.getName());
    static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    static final String DEV_LOGIN_BESIDE_SSO = "chat.dev-login (CHAT_DEV_LOGIN) and a verification key "
            + "(mp.jwt.verify.publickey or mp.jwt.verify.publickey.location) cannot both be set: dev login lets anyone "
            + "sign in under any name, which has no place beside the company's SSO. Switch one of them off.";

    @Inject
    Config config;

    private VerifiedTokens verifier;
    private Optional<DevTokens> devTokens = Optional.empty();
    private OriginPolicy originPolicy;

    @PostConstruct
    void configure() {
        VerificationSettings settings =
                required(settings(config), config.getOptionalValue("chat.oidc.client-id", String.class));
        TokenVerifier sso;
        try {
            sso = new TokenVerifier(settings, VerificationKeys.from(settings), Set.of(settings.algorithm()));
        } catch (TokenRejected e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        VerifiedTokens.Verification check = ssoPeople(sso::verify);
        if (config.getOptionalValue("chat.dev-login", Boolean.class).orElse(false)) {
            if (settings.hasKey()) {
                throw new IllegalStateException(DEV_LOGIN_BESIDE_SSO);
            }
            DevTokens dev = config.getOptionalValue("chat.dev-login.key-location", String.class)
                    .map(location -> DevTokens.withKey(Path.of(location), settings.clockSkew(), Clock.systemUTC()))
                    .orElseGet(() -> new DevTokens(settings.clockSkew(), Clock.systemUTC()));
            devTokens = Optional.of(dev);
            check = byIssuer(dev.verifier(), check);
            LOG.warning("""

                    ************************************************************************
                    * DEV LOGIN IS ON (CHAT_DEV_LOGIN=true): anyone who can reach this     *
                    * server can sign in as ANY user through POST /api/dev/token.          *
                    * Never run it like this where real people or real data are involved.  *
                    ************************************************************************""");
        } else if (!settings.hasKey()) {
            LOG.warning("No token verification key is configured (mp.jwt.verify.publickey or "
                    + "mp.jwt.verify.publickey.location): every connection will be refused.");
        }
        verifier = new VerifiedTokens(check, Clock.systemUTC());
        originPolicy = new OriginPolicy(list(config.getOptionalValue("chat.allowed-origins", String.class)));
        LOG.log(Level.INFO, "Token verification: algorithm {0}, issuer {1}, audiences {2}", new Object[] {
            settings.algorithm(), settings.issuer().orElse("(none)"), settings.audiences()
        });
    }

    /**
     * Builds this bean while the application deploys: a configuration that would accept tokens of
     * any issuer or audience then fails the deployment with its message, instead of the first
     * handshake.
     */
    void checkedAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        // Nothing to do: being called means configure() has run and accepted the configuration.
    }

    /**
     * With a real key, a token is only ours if it names our SSO as issuer and us as audience:
     * otherwise every access or ID token the key ever signed, for any application or tenant, would
     * open a connection. The web client's OIDC client id is the audience when none is given.
     */
    static VerificationSettings required(VerificationSettings settings, Optional<String> oidcClientId) {
        if (!settings.hasKey()) {
            return settings;
        }
        if (settings.issuer().isEmpty()) {
            throw new IllegalStateException(
                    "mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) must be set when a verification "
                            + "key is configured: without it, tokens from any issuer that key signs would be accepted");
        }
        if (!settings.audiences().isEmpty()) {
            return settings;
        }
        String clientId = oidcClientId
                .filter(id -> !id.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES) or chat.oidc.client-id (CHAT_OIDC_CLIENT_ID) must be "
                                + "set when a verification key is configured: without an audience, tokens issued for other "
                                + "applications would be accepted"));
        return new VerificationSettings(
                settings.publicKey(),
                settings.publicKeyLocation(),
                settings.algorithm(),
                settings.issuer(),
                Set.of(clientId.strip()),
                settings.clockSkew());
    }

    /** Dev tokens name their own issuer: only the dev verifier sees them, and it sees nothing else. */
    private static VerifiedTokens.Verification byIssuer(
            VerifiedTokens.Verification dev, VerifiedTokens.Verification sso) {
        return token -> DevTokens.ISSUER.equals(claimedIssuer(token)) ? dev.verify(token) : sso.verify(token);
    }

    /**
     * The SSO's people: a token of the SSO naming a dev identity is refused, so that dev identities
     * and the SSO's people never share an id (the dev verifier admits dev identities only).
     */
    static VerifiedTokens.Verification ssoPeople(VerifiedTokens.Verification sso) {
        return token -> {
            AuthenticatedUser user = sso.verify(token);
            if (DevTokens.isDevIdentity(user.id())) {
                throw new TokenRejected("token has no usable subject");
            }
            return user;
        };
    }

    /** The issuer a token claims, before anything about it is verified; null when it cannot be read. */
    private static String claimedIssuer(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    static VerificationSettings settings(Config config) {
        return new VerificationSettings(
                config.getOptionalValue("mp.jwt.verify.publickey", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey.algorithm", String.class)
                        .orElse("RS256"),
                config.getOptionalValue("mp.jwt.verify.issuer", String.class),
                list(config.getOptionalValue("mp.jwt.verify.audiences", String.class)),
                config.getOptionalValue("mp.jwt.verify.clock.skew", Long.class)
                        .map(Duration::ofSeconds)
                        .orElse(DEFAULT_CLOCK_SKEW));
    }

    private static Set<String> list(Optional<String> commaSeparated) {
        return commaSeparated.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toSet());
    }

    public AuthenticatedUser verify(String token) throws TokenRejected {
        return verifier.verify(token);
    }

    public Optional<DevTokens> devTokens() {
        return devTokens;
    }

    public OriginPolicy originPolicy() {
        return originPolicy;
    }
}
