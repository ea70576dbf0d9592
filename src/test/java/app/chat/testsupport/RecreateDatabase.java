package app.chat.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops and recreates the integration-test database, so each run starts from an empty schema that
 * the application's own migrations then build. Run by Maven before the integration tests.
 */
public final class RecreateDatabase {

    private RecreateDatabase() {}

    public static void main(String[] args) throws SQLException {
        String adminUrl = args[0];
        String user = args[1];
        String database = args[2];
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected database name " + database);
        }
        try (Connection connection = DriverManager.getConnection(
                        adminUrl, user, System.getenv().getOrDefault("PGPASSWORD", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
        System.out.println("Recreated test database " + database);
    }
}
