package app.chat.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A database of its own for a test that reads query plans: dropped and created again, built by the
 * application's migrations (sql/), empty. The caller fills it and closes the connection.
 */
public final class MigratedDatabase {

    private MigratedDatabase() {}

    public static Connection create(String name) throws SQLException {
        String admin = System.getProperty("chat.test.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getProperty("chat.test.db-user", "postgres");
        try (Connection connection = DriverManager.getConnection(admin, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
        Flyway.configure()
                .dataSource(url, user, "")
                .locations("filesystem:sql")
                .load()
                .migrate();
        return DriverManager.getConnection(url, user, "");
    }
}
