package app.chat.health;

import app.chat.schema.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the migrations in sql/ have run: until then liveness is not worth asking. */
@Startup
@ApplicationScoped
public class SchemaStartup implements HealthCheck {

    @Inject
    SchemaMigration schema;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("schema-migrated")
                .status(schema.version().isPresent())
                .withData("schema", schema.version().orElse("not migrated"))
                .build();
    }
}
