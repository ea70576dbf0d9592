package app.chat.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of a test's own beside the shared test database, dropped when closed: for a server
 * configured differently from the others, or for locks nobody else may run into.
 */
public final class OwnDatabase implements AutoCloseable {

    private final String admin = System.getProperty("chat.test.db-url");
    private final String user = System.getProperty("chat.test.db-user");
    private final String name;

    private OwnDatabase(String prefix) throws SQLException {
        this.name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Connection db = DriverManager.getConnection(admin, user, "");
                Statement sql = db.createStatement()) {
            sql.execute("create database " + name);
        }
    }

    /** @param prefix what the database is for: a lower-case word */
    public static OwnDatabase create(String prefix) throws SQLException {
        return new OwnDatabase(prefix);
    }

    /** Its JDBC URL, as CHAT_DB_URL. */
    public String url() {
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection db = DriverManager.getConnection(admin, user, "");
                Statement sql = db.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
        }
    }
}
