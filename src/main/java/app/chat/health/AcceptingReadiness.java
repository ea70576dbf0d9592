package app.chat.health;

import app.chat.messages.MessageWriter;
import app.chat.schema.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready for new connections: the schema is migrated and the instance is not stopping. During a
 * graceful stop this goes down first, so a load balancer sends nobody new while the open
 * connections are flushed and closed with 1001.
 */
@Readiness
@ApplicationScoped
public class AcceptingReadiness implements HealthCheck {

    @Inject
    SchemaMigration schema;

    @Inject
    MessageWriter writer;

    @Override
    public HealthCheckResponse call() {
        boolean migrated = schema.version().isPresent();
        return HealthCheckResponse.named("accepting-connections")
                .status(migrated && writer.isAccepting())
                .withData("schema", schema.version().orElse("not migrated"))
                .withData("stopping", !writer.isAccepting())
                .build();
    }
}
