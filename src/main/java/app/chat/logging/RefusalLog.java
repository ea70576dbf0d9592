package app.chat.logging;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Refused handshakes and requests refused by an allowance, summed up and logged once per interval
 * ({@code chat.log.summary-seconds}, 60 by default): one line for handshakes, one for allowances,
 * and none when nothing was refused. Metrics count every refusal; these lines say who caused them.
 */
@ApplicationScoped
public class RefusalLog {

    private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());

    static final long DEFAULT_SUMMARY_SECONDS = 60;

    @Inject
    Config config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final RefusalTally handshakes =
            new RefusalTally("handshakes.refused", "Handshakes were refused", "address", "addresses");
    private final RefusalTally allowances =
            new RefusalTally("requests.refused", "Requests beyond an allowance were refused", "user", "users");
    private long intervalSeconds;
    private ScheduledFuture<?> summaries;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        intervalSeconds = Math.max(
                1,
                config.getOptionalValue("chat.log.summary-seconds", Long.class).orElse(DEFAULT_SUMMARY_SECONDS));
        summaries = scheduler.scheduleAtFixedRate(this::summarize, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** A handshake refused before the upgrade: {@code rate}, {@code origin} or {@code token}. */
    public void handshakeRefused(String reason, String address) {
        handshakes.count(reason, address);
    }

    /** A request refused by one of the person's allowances (the limit's name, as in the metric). */
    public void requestRefused(String limit, String userId) {
        allowances.count(limit, userId);
    }

    void summarize() {
        handshakes.summary(intervalSeconds).ifPresent(notice -> notice.log(LOG));
        allowances.summary(intervalSeconds).ifPresent(notice -> notice.log(LOG));
    }

    /** What was counted since the last summary is not lost on shutdown. */
    @PreDestroy
    void stop() {
        if (summaries != null) {
            summaries.cancel(false);
        }
        summarize();
    }
}
