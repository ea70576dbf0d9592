package app.chat.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.testsupport.MigratedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory search's plan on a company of 20 000 people, in a database the application's
 * migrations built: it is answered from the words index, reading the people it finds and not the
 * table. The plan's text is read rather than timed, so the test holds on any machine.
 */
class DirectoryQueryPlanIT {

    private static final String DATABASE = "chat_directory_plans";
    private static Connection db;

    @BeforeAll
    static void fill() throws SQLException {
        db = MigratedDatabase.create(DATABASE);
        try (PreparedStatement insert =
                db.prepareStatement("insert into users (id, name, search_name, search_text) values (?, ?, ?, ?)")) {
            String[] first = {"Ada", "Ben", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Inès", "Jonas"};
            for (int i = 0; i < 20_000; i++) {
                String name = first[i % first.length] + " Person" + i;
                insert.setString(1, "u" + i);
                insert.setString(2, name);
                insert.setString(3, PeopleQuery.searchName(name));
                insert.setString(4, PeopleQuery.searchText(name, "u" + i, "p" + i + "@acme.example"));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("analyze users");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void aSearchReadsThePeopleItFindsThroughTheWordsIndexNotTheTable() throws SQLException {
        String plan = explain(new PeopleQuery("person1234", 20, 0));
        assertTrue(plan.contains("users_search"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
        // person1234 and the ten person1234x: eleven people found, eleven rows read.
        assertTrue(plan.contains("Bitmap Heap Scan on users") && plan.contains("actual rows=11 "), plan);
    }

    @Test
    void aSearchOfSeveralWordsIsAnsweredByTheIndexForAllOfThem() throws SQLException {
        String plan = explain(new PeopleQuery("ines person1998", 20, 0));
        assertTrue(plan.contains("users_search"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
        // Inès Person1998 and Inès Person19988, of the eleven whose number starts with 1998.
        assertEquals(2, found(new PeopleQuery("ines person1998", 50, 0)));
    }

    private static String explain(PeopleQuery query) throws SQLException {
        try (PreparedStatement statement = bound("explain (analyze, timing off) " + Users.SEARCH, query);
                ResultSet rows = statement.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }

    private static int found(PeopleQuery query) throws SQLException {
        try (PreparedStatement statement = bound(Users.SEARCH, query);
                ResultSet rows = statement.executeQuery()) {
            int n = 0;
            while (rows.next()) {
                n++;
            }
            return n;
        }
    }

    private static PreparedStatement bound(String sql, PeopleQuery query) throws SQLException {
        // JPA's numbered parameters as JDBC's positional ones: ?2 appears twice.
        PreparedStatement statement = db.prepareStatement(sql.replaceAll("\\?\\d", "?"));
        statement.setString(1, query.tsQuery());
        statement.setString(2, query.text());
        statement.setString(3, query.text());
        statement.setString(4, query.namePrefixPattern());
        statement.setInt(5, query.limit());
        statement.setInt(6, query.offset());
        return statement;
    }
}
