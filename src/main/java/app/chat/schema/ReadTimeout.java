package app.chat.schema;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;

/**
 * How long one statement of a read (history, listings, search, mentions, a resume's replay) may run
 * before PostgreSQL cancels it ({@code chat.reads.statement-timeout-seconds}): a search for a
 * phrase of two common words walks the whole table, and nothing a person asks for may hold a thread
 * and a connection longer. Set on each read's statements, through JDBC's query timeout, so that it
 * holds whichever connection a statement runs on; the writer's and the feed's statements never get
 * one. A cancelled statement fails with SQL state 57014, which requests answer as {@code
 * unavailable} with a hint (RequestRejected#forFailure).
 */
@ApplicationScoped
public class ReadTimeout {

    static final int DEFAULT_SECONDS = 2;

    /** The JPA hint, in milliseconds: EclipseLink sets it as the statement's query timeout. */
    private static final String JPA_HINT = "jakarta.persistence.query.timeout";

    @Inject
    Config config;

    private int seconds;

    @PostConstruct
    void configure() {
        seconds = config.getOptionalValue("chat.reads.statement-timeout-seconds", Integer.class)
                .orElse(DEFAULT_SECONDS);
        if (seconds < 0) {
            throw new IllegalArgumentException("chat.reads.statement-timeout-seconds must be 0 (no limit) or more");
        }
    }

    /** The timeout in whole seconds, JDBC's unit; 0 for none. */
    public int seconds() {
        return seconds;
    }

    /** The query, cancelled after the timeout. */
    public <Q extends Query> Q bound(Q query) {
        if (seconds > 0) {
            query.setHint(JPA_HINT, seconds * 1000);
        }
        return query;
    }

    /** The statement, cancelled after the timeout. */
    public <S extends Statement> S bound(S statement) throws SQLException {
        bound(statement, seconds);
        return statement;
    }

    /** For static helpers that read both for requests and for the feed: 0 leaves the statement unbounded. */
    public static void bound(Statement statement, int seconds) throws SQLException {
        if (seconds > 0) {
            statement.setQueryTimeout(seconds);
        }
    }
}
