package app.chat.schema;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The one database, configured by {@code CHAT_DB_URL}, {@code CHAT_DB_USER} and
 * {@code CHAT_DB_PASSWORD} (MicroProfile Config keys {@code chat.db.url}, {@code chat.db.user},
 * {@code chat.db.password}; defaults in META-INF/microprofile-config.properties). On Open Liberty the
 * same JNDI name is bound to a server.xml data source instead (see liberty-or-payara-config/).
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
public final class ChatDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/chat";

    /** The message writer holds one connection; the rest serve history, rooms and sign-ins. */
    public static final int MAX_POOL_SIZE = 24;

    private ChatDatabase() {}
}
