package app.chat.search;

import app.chat.schema.ChatDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * The text search configuration messages are indexed and searched with ({@value #KEY}, default
 * {@code simple}: no stemming, right for mixed languages; {@code english}, {@code german} and the
 * others PostgreSQL knows stem words of one language). At start-up the search column is made to use
 * it: when the configured one differs from the column's, the column and its index are built again
 * for every message (docs/configuration.md says what that costs).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class SearchLanguage {

    public static final String KEY = "chat.search.language";

    private static final Logger LOG = Logger.getLogger(SearchLanguage.class.getName());

    private static final Pattern COLUMN_CONFIGURATION = Pattern.compile("to_tsvector\\('([^']+)'::regconfig");

    @Resource(lookup = ChatDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Config config;

    private volatile String name;

    @PostConstruct
    void apply() {
        String wanted =
                config.getOptionalValue(KEY, String.class).orElse("simple").strip();
        try (Connection connection = dataSource.getConnection()) {
            List<String> known = configurations(connection);
            if (!known.contains(wanted)) {
                throw new IllegalStateException(KEY + " is \"" + wanted
                        + "\", which is not a text search configuration of this database; it knows " + known);
            }
            if (!columnConfiguration(connection).map(wanted::equals).orElse(false)) {
                reindex(connection, wanted);
            }
            name = wanted;
        } catch (SQLException e) {
            throw new IllegalStateException("setting the search language failed", e);
        }
    }

    /** The configuration of the search column, for the queries that must match it. */
    public String name() {
        return name;
    }

    private static List<String> configurations(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("select cfgname from pg_ts_config order by cfgname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** The configuration named in the search column's generation expression. */
    static Optional<String> columnConfiguration(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet row = query.executeQuery("""
                        select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d
                        join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                        where d.adrelid = 'messages'::regclass and a.attname = 'search'
                        """)) {
            if (!row.next()) {
                return Optional.empty();
            }
            Matcher configuration = COLUMN_CONFIGURATION.matcher(row.getString(1));
            return configuration.find() ? Optional.of(configuration.group(1)) : Optional.empty();
        }
    }

    /**
     * Builds the column and its index again in one transaction, under a lock that makes instances
     * starting together do it once. The name was checked against the database's configurations.
     */
    private static void reindex(Connection connection, String configuration) throws SQLException {
        LOG.warning("Indexing every message for search again with the text search configuration \"" + configuration
                + "\" (" + KEY + "): this takes a while on a large database");
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement();
                PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, REINDEX_LOCK);
            lock.execute();
            if (!columnConfiguration(connection).map(configuration::equals).orElse(false)) {
                String quoted = configuration.replace("'", "''");
                sql.execute("alter table messages drop column if exists search");
                sql.execute("alter table messages add column search tsvector generated always as (to_tsvector('"
                        + quoted + "'::regconfig, coalesce(content, ''))) stored");
                sql.execute("create index messages_search on messages using gin (search) with (fastupdate = off)");
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static final long REINDEX_LOCK = 0x7365617263684cL;
}
