package app.chat.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date from the migrations in {@code sql/} before the application
 * serves anyone. Flyway manages its own transactions, hence bean-managed transactions here.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    private volatile String version;
    private volatile int migrationsApplied;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // With nothing to apply, Flyway reports no target: the schema stays at the initial version.
        version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        migrationsApplied = result.migrationsExecuted;
    }

    /**
     * The schema version the migrations brought the database to; empty until they ran. The start-up
     * line reports it: this runs before the application's log output is set up.
     */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** How many migrations this start applied. */
    public int migrationsApplied() {
        return migrationsApplied;
    }
}
