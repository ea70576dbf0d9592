package app.chat.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where the keys that sign valid tokens come from: inline, a file, or the SSO's JWKS endpoint. */
public final class VerificationKeys {

    /** Keys fetched over HTTP are reused this long before a background refresh. */
    static final Duration REMOTE_CACHE_TTL = Duration.ofMinutes(5);
    /**
     * While the SSO's key endpoint cannot be reached, keys fetched before stay trusted this long, so
     * an outage at the provider does not sign everyone out; rotations are picked up once it is back.
     */
    static final Duration OUTAGE_TOLERANCE = Duration.ofHours(24);
    /**
     * An unknown {@code kid} triggers a refresh, but at most once per this interval, so a flood of
     * forged tokens cannot turn the server into a client hammering the SSO.
     */
    static final Duration REMOTE_REFRESH_MIN_INTERVAL = Duration.ofSeconds(15);

    private VerificationKeys() {}

    /** The configured keys, or an empty set (every token rejected) when none is configured. */
    public static JWKSource<SecurityContext> from(VerificationSettings settings) throws TokenRejected {
        return from(settings, REMOTE_REFRESH_MIN_INTERVAL, REMOTE_CACHE_TTL);
    }

    static JWKSource<SecurityContext> from(
            VerificationSettings settings, Duration refreshMinInterval, Duration cacheTtl) throws TokenRejected {
        if (settings.publicKey().isPresent()) {
            return new ImmutableJWKSet<>(KeyDocuments.parse(settings.publicKey().get()));
        }
        if (settings.publicKeyLocation().isPresent()) {
            return fromLocation(settings.publicKeyLocation().get(), refreshMinInterval, cacheTtl);
        }
        return new ImmutableJWKSet<>(new JWKSet());
    }

    /** Keys from several sources, tried in order: the SSO's and, in dev login mode, the server's own. */
    public static JWKSource<SecurityContext> combined(List<JWKSource<SecurityContext>> sources) {
        List<JWKSource<SecurityContext>> all = List.copyOf(sources);
        return (selector, context) -> {
            var keys = new ArrayList<com.nimbusds.jose.jwk.JWK>();
            for (JWKSource<SecurityContext> source : all) {
                keys.addAll(source.get(selector, context));
            }
            return keys;
        };
    }

    private static JWKSource<SecurityContext> fromLocation(
            String location, Duration refreshMinInterval, Duration cacheTtl) throws TokenRejected {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return JWKSourceBuilder.create(new RemoteKeySet(url(location)))
                    .cache(
                            cacheTtl.toMillis(),
                            Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, cacheTtl.toMillis() / 4))
                    .refreshAheadCache(
                            Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, cacheTtl.toMillis() / 4), false)
                    .outageTolerant(OUTAGE_TOLERANCE.toMillis())
                    .rateLimited(refreshMinInterval.toMillis())
                    .retrying(true)
                    .build();
        }
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            return new ImmutableJWKSet<>(KeyDocuments.parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new TokenRejected("cannot read the verification key file " + path + ": " + e.getMessage(), e);
        }
    }

    private static URL url(String location) throws TokenRejected {
        try {
            return URI.create(location).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new TokenRejected("mp.jwt.verify.publickey.location is not a valid URL: " + location, e);
        }
    }
}
