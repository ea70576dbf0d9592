package app.chat.schema;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * How much of the connection pool is in use: transactions in flight that hold (or wait for) a
 * database connection, next to the pool's size. Counted by the application itself, so the figure is
 * the same on every server; when it stays at the maximum, requests queue for connections.
 */
@ApplicationScoped
public class DatabaseConnections {

    private final AtomicInteger inUse = new AtomicInteger();

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void measured() {
        metrics.gauge(
                Metadata.builder()
                        .withName("chat.database.connections.in_use")
                        .withDescription(
                                "Database connections held or awaited by transactions in flight on this instance")
                        .build(),
                inUse,
                AtomicInteger::get);
        metrics.gauge(
                Metadata.builder()
                        .withName("chat.database.connections.max")
                        .withDescription("Size of this instance's database connection pool")
                        .build(),
                this,
                connections -> ChatDatabase.MAX_POOL_SIZE);
    }

    void taken() {
        inUse.incrementAndGet();
    }

    void returned() {
        inUse.decrementAndGet();
    }
}
