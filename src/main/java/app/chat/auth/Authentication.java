package app.chat.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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

    @Inject
    Config config;

    private VerifiedTokens verifier;
    private Optional<DevTokens> devTokens = Optional.empty();
    private OriginPolicy originPolicy;

    @PostConstruct
    void configure() {
        VerificationSettings settings = settings(config);
        List<JWKSource<SecurityContext>> keys = new ArrayList<>();
        Set<String> algorithms = new HashSet<>(Set.of(settings.algorithm()));
        try {
            keys.add(VerificationKeys.from(settings));
        } catch (TokenRejected e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (config.getOptionalValue("chat.dev-login", Boolean.class).orElse(false)) {
            DevTokens dev = new DevTokens(settings, Clock.systemUTC());
            devTokens = Optional.of(dev);
            keys.add(dev.verificationKeys());
            algorithms.add(DevTokens.ALGORITHM.getName());
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
        verifier = new VerifiedTokens(new TokenVerifier(settings, VerificationKeys.combined(keys), algorithms)::verify, Clock.systemUTC());
        originPolicy = new OriginPolicy(list(config.getOptionalValue("chat.allowed-origins", String.class)));
        LOG.log(Level.INFO, "Token verification: algorithm {0}, issuer {1}, audiences {2}",
                new Object[] {settings.algorithm(), settings.issuer().orElse("(any)"),
                        settings.audiences().isEmpty() ? "(any)" : settings.audiences()});
    }

    static VerificationSettings settings(Config config) {
        return new VerificationSettings(
                config.getOptionalValue("mp.jwt.verify.publickey", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey.algorithm", String.class).orElse("RS256"),
                config.getOptionalValue("mp.jwt.verify.issuer", String.class),
                list(config.getOptionalValue("mp.jwt.verify.audiences", String.class)),
                config.getOptionalValue("mp.jwt.verify.clock.skew", Long.class)
                        .map(Duration::ofSeconds).orElse(DEFAULT_CLOCK_SKEW));
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
