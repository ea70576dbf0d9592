package app.chat.testsupport;

import app.chat.users.PeopleQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Fills the test database's directory with a company's worth of people who signed in once, as the
 * application records them (the same search fields), in one batch: for tests of what the web client
 * does when the directory is large.
 */
public final class CrowdedDirectory {

    private CrowdedDirectory() {}

    /**
     * Adds {@code people} people named "{@code family} Colleague n" (ids {@code family-n}), unless
     * they are there already.
     */
    public static void add(String family, int people) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        System.getProperty("chat.test.db-url"),
                        System.getProperty("chat.test.db-user", "postgres"),
                        "");
                PreparedStatement insert = db.prepareStatement("""
                        insert into users (id, name, email, search_name, search_text) values (?, ?, ?, ?, ?)
                        on conflict (id) do nothing
                        """)) {
            db.setAutoCommit(false);
            for (int i = 1; i <= people; i++) {
                String id = family.toLowerCase() + "-" + i;
                String name = family + " Colleague " + i;
                String email = id + "@example.com";
                insert.setString(1, id);
                insert.setString(2, name);
                insert.setString(3, email);
                insert.setString(4, PeopleQuery.searchName(name));
                insert.setString(5, PeopleQuery.searchText(name, id, email));
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
    }
}
