package app.chat.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
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
 * serves anyone. Flyway manages its own transactions, hence bean-managed transactions here. The data
 * source ({@link ChatDatabase}) is declared here, on a component class, where every server looks for
 * such a declaration: Open Liberty does not scan plain classes for it. The empty
 * {@code sql/flyway.location} lets Flyway find the migrations folder through Liberty's class loader,
 * and {@code db/callback/flyway.location} the callbacks folder it always looks into (it has none).
 */
@DataSourceDefinition(
        name = ChatDatabase.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=chat.db.url}",
        user = "${MPCONFIG=chat.db.user}",
        password = "${MPCONFIG=chat.db.password}",
        minPoolSize = 2,
        maxPoolSize = ChatDatabase.MAX_POOL_SIZE,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
            "fish.payara.fail-all-connections=true"
        })
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
