package app.chat.health;

import app.chat.messages.MessageWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive means the single message writer runs: without it nothing is ever stored or acknowledged
 * again, and only a restart helps. A database outage does not make the instance dead (readiness
 * covers that; the writer retries and answers "unavailable" meanwhile).
 */
@Liveness
@ApplicationScoped
public class WriterLiveness implements HealthCheck {

    @Inject
    MessageWriter writer;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("message-writer")
                .status(writer.isRunning())
                .build();
    }
}
