package app.chat.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of a test's own on the test PostgreSQL, dropped and created again empty, so that what
 * the test does to it (filling it, cutting its connections) reaches no other test running beside.
 */
public final class EmptyDatabase {

    private EmptyDatabase() {}

    /** @return its JDBC address */
    public static String create(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected database name " + name);
        }
        String admin = System.getProperty("chat.test.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        try (Connection connection = DriverManager.getConnection(admin, user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    public static String user() {
        return System.getProperty("chat.test.db-user", "postgres");
    }
}
