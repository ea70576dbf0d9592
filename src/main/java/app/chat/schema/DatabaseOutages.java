package app.chat.schema;

import app.chat.logging.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Tells the operator when the database stopped answering and when it came back, in one line each,
 * however many requests failed in between (they are counted, not logged one by one).
 */
@ApplicationScoped
public class DatabaseOutages {

    private static final Logger LOG = Logger.getLogger(DatabaseOutages.class.getName());

    private record Outage(long sinceNanos, LongAdder failures) {}

    private final AtomicReference<Outage> current = new AtomicReference<>();

    /** Database work failed because the database could not be reached. */
    public void unreachable(Throwable failure) {
        Outage outage = new Outage(System.nanoTime(), new LongAdder());
        outage.failures().increment();
        if (current.compareAndSet(null, outage)) {
            Notice.warning(
                            "database.unreachable",
                            "The database cannot be reached; messages are refused as unavailable until it answers")
                    .with("cause", describe(failure))
                    .log(LOG);
        } else {
            Outage ongoing = current.get();
            if (ongoing != null) {
                ongoing.failures().increment();
            }
        }
    }

    /** Database work succeeded. */
    public void reached() {
        if (current.get() == null) {
            return;
        }
        Outage ended = current.getAndSet(null);
        if (ended != null) {
            Notice.info("database.recovered", "The database answers again")
                    .with(
                            "down_ms",
                            Duration.ofNanos(System.nanoTime() - ended.sinceNanos())
                                    .toMillis())
                    .with("failed_operations", ended.failures().sum())
                    .log(LOG);
        }
    }

    public boolean isDown() {
        return current.get() != null;
    }

    /** The innermost cause, with its SQL state: what an operator searches for. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        String sqlState = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            root = cause;
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
        }
        return root.getClass().getSimpleName() + (sqlState == null ? "" : " (SQL state " + sqlState + ")") + ": "
                + root.getMessage();
    }
}
