package app.chat.logging;

import app.chat.schema.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * One line at start-up with the configuration in effect, so that "which issuer, which limits, which
 * database?" is answered by the log. Secrets never appear: the database password and an inline key
 * are reported as set or not, and credentials in the database URL are masked.
 */
@ApplicationScoped
public class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class.getName());

    /** Every key of docs/configuration.md whose value may be shown; unset ones show as "default". */
    static final List<String> SHOWN = List.of(
            "chat.db.url",
            "chat.db.user",
            "mp.jwt.verify.publickey.location",
            "mp.jwt.verify.publickey.algorithm",
            "mp.jwt.verify.issuer",
            "mp.jwt.verify.audiences",
            "mp.jwt.verify.clock.skew",
            "chat.allowed-origins",
            "chat.dev-login",
            "chat.dev-login.key-location",
            "chat.oidc.issuer",
            "chat.oidc.client-id",
            "chat.oidc.scope",
            "chat.rate.requests-per-second",
            "chat.rate.requests-burst",
            "chat.rate.reads-per-second",
            "chat.rate.reads-burst",
            "chat.rate.messages-per-second",
            "chat.rate.burst",
            "chat.rate.typing-per-second",
            "chat.rate.typing-burst",
            "chat.rate.joins-per-minute",
            "chat.rate.joins-burst",
            "chat.rate.rooms-created-per-hour",
            "chat.rate.rooms-created-burst",
            "chat.limit.rooms-per-user",
            "chat.rate.invites-per-minute",
            "chat.rate.invites-burst",
            "chat.limit.connections-per-user",
            "chat.limit.handshakes-per-second",
            "chat.resume.max-messages",
            "chat.messages.edit-window-minutes",
            "chat.search.language",
            "chat.limit.queue-bytes-per-connection",
            "chat.limit.outbound-bytes",
            "chat.presence.grace-ms",
            "chat.presence.heartbeat-ms",
            "chat.reads.statement-timeout-seconds",
            "chat.presence.visible-to",
            "chat.ping.interval-seconds",
            "chat.log.format",
            "chat.log.summary-seconds",
            "chat.feed.poll-millis",
            "chat.feed.notify");

    /** Keys whose values are secret (or too long to be useful): only whether they are set is shown. */
    static final List<String> SECRET = List.of("chat.db.password", "mp.jwt.verify.publickey");

    /** user:password@ in a URL, and password=… in its query. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(//)[^/@]*@|(?i)(password=)[^&;]*");

    @Inject
    Config config;

    @Inject
    SchemaMigration schema;

    void log(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Map<String, Object> settings = new TreeMap<>();
        for (String key : SHOWN) {
            String value = config.getOptionalValue(key, String.class).orElse("default");
            settings.put(key, key.equals("chat.db.url") ? masked(value) : value);
        }
        for (String key : SECRET) {
            settings.put(key, config.getOptionalValue(key, String.class).isPresent() ? "set" : "not set");
        }
        Notice.info("chat.started", "Chat started")
                .with("java", Runtime.version().toString())
                .with("max_heap_bytes", Runtime.getRuntime().maxMemory())
                .with("processors", Runtime.getRuntime().availableProcessors())
                .with("schema_version", schema.version().orElse("none"))
                .with("migrations_applied", schema.migrationsApplied())
                .with("config", settings)
                .log(LOG);
    }

    static String masked(String url) {
        return URL_CREDENTIALS.matcher(url).replaceAll(match -> match.group(1) != null ? "$1***@" : "$2***");
    }
}
