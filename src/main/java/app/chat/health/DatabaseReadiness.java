package app.chat.health;

import app.chat.schema.ChatDatabase;
import app.chat.schema.DatabaseOutages;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means able to store messages: the database answers. A load balancer reading
 * {@code /health/ready} then stops sending users to an instance that can only say "unavailable".
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    /** A probe must answer quickly even when the database hangs. */
    static final int VALIDATION_TIMEOUT_SECONDS = 2;

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    DatabaseOutages outages;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            if (valid) {
                outages.reached();
            }
            return HealthCheckResponse.named("database").status(valid).build();
        } catch (SQLException e) {
            outages.unreachable(e);
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("error", e.getSQLState() == null ? "unreachable" : e.getSQLState())
                    .build();
        }
    }
}
