package app.chat.web;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The origins the web client talks to when it signs people in: the configured issuer's, and those
 * of the endpoints its discovery document names (token, user info, revocation, authorization, end
 * of session), which a provider may serve elsewhere. The page's Content-Security-Policy allows
 * exactly these. Until the document has been read (it is fetched in the background, again a minute
 * after a failure), the issuer's origin alone.
 */
@ApplicationScoped
public class SignInOrigins {

    private static final Logger LOG = Logger.getLogger(SignInOrigins.class.getName());

    /** The discovery document's fields the web client uses. */
    static final List<String> ENDPOINTS = List.of(
            "authorization_endpoint",
            "token_endpoint",
            "userinfo_endpoint",
            "revocation_endpoint",
            "end_session_endpoint",
            "check_session_iframe");

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_NANOS = Duration.ofMinutes(1).toNanos();

    @Inject
    Config config;

    @Resource
    ManagedExecutorService executor;

    private Optional<String> issuer = Optional.empty();
    private volatile Set<String> origins = Set.of();
    private volatile boolean discovered;
    private final AtomicLong lastAttempt = new AtomicLong(System.nanoTime() - RETRY_NANOS);

    @PostConstruct
    void read() {
        issuer = config.getOptionalValue("chat.oidc.issuer", String.class);
        origins = issuer.flatMap(ContentSecurityPolicy::origin).map(Set::of).orElse(Set.of());
    }

    /** The origins to allow now; starts reading the discovery document when that is due. */
    public Set<String> current() {
        long attempt = lastAttempt.get();
        if (!discovered
                && issuer.isPresent()
                && System.nanoTime() - attempt >= RETRY_NANOS
                && lastAttempt.compareAndSet(attempt, System.nanoTime())) {
            executor.execute(this::discover);
        }
        return origins;
    }

    private void discover() {
        String document = issuer.orElseThrow().replaceFirst("/*$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> answer = HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .executor(executor)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(document))
                                    .timeout(TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.log(Level.WARNING, "The sign-in provider''s discovery document {0} answered {1}", new Object[] {
                    document, answer.statusCode()
                });
                return;
            }
            origins = withEndpoints(
                    origins,
                    JsonProvider.provider()
                            .createReader(new StringReader(answer.body()))
                            .readObject());
            discovered = true;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "The sign-in provider''s discovery document {0} could not be read: {1}",
                    new Object[] {document, e.toString()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The issuer's origin and those of the endpoints the document names (http and https only). */
    static Set<String> withEndpoints(Set<String> issuerOrigin, JsonObject discovery) {
        Set<String> all = new LinkedHashSet<>(issuerOrigin);
        for (String endpoint : ENDPOINTS) {
            if (discovery.get(endpoint) instanceof JsonString url) {
                ContentSecurityPolicy.origin(url.getString()).ifPresent(all::add);
            }
        }
        return Set.copyOf(all);
    }
}
