package app.chat.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for a test that reads query plans: dropped and created again, built by the
 * application's migrations (sql/), empty. The caller fills it and closes the connection.
 */
public final class MigratedDatabase {

    private MigratedDatabase() {}

    public static Connection create(String name) throws SQLException {
        String url = EmptyDatabase.create(name);
        Flyway.configure()
                .dataSource(url, EmptyDatabase.user(), "")
                .locations("filesystem:sql")
                .load()
                .migrate();
        return DriverManager.getConnection(url, EmptyDatabase.user(), "");
    }
}
