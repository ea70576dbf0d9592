package app.chat.schema;

/**
 * The one database, configured by {@code CHAT_DB_URL}, {@code CHAT_DB_USER} and
 * {@code CHAT_DB_PASSWORD} (MicroProfile Config keys {@code chat.db.url}, {@code chat.db.user},
 * {@code chat.db.password}; defaults in META-INF/microprofile-config.properties). Payara creates it
 * from the {@code @DataSourceDefinition} on {@link SchemaMigration}; on Open Liberty the same JNDI
 * name is bound to the server.xml data source built from the same variables (WEB-INF/ibm-web-bnd.xml,
 * liberty-or-payara-config/server.xml).
 */
public final class ChatDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/chat";

    /** The message writer holds one connection; the rest serve history, rooms and sign-ins. */
    public static final int MAX_POOL_SIZE = 24;

    private ChatDatabase() {}
}
