package app.chat.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;

/**
 * Fetches the SSO's keys from an http(s) URL serving a JWKS document or a PEM key. Caching, rate
 * limiting of refreshes and retries are layered on top by nimbus' {@code JWKSourceBuilder}.
 */
final class RemoteKeySet implements JWKSetSource<SecurityContext> {

    /** Key documents are a few kilobytes; anything far larger is not a key document. */
    private static final int SIZE_LIMIT_BYTES = 512 * 1024;

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 3_000;

    private final URL location;
    private final ResourceRetriever retriever =
            new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES);

    RemoteKeySet(URL location) {
        this.location = location;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            return KeyDocuments.parse(retriever.retrieveResource(location).getContent());
        } catch (IOException e) {
            // "Unavailable" is what lets the outage-tolerant cache keep serving the keys it has.
            throw new JWKSetUnavailableException(
                    "cannot fetch verification keys from " + location + ": " + e.getMessage(), e);
        } catch (TokenRejected e) {
            throw new KeySourceException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held open between fetches
    }
}
