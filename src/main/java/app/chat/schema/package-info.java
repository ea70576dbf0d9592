/**
 * The database itself: its data source definition and the Flyway migrations (from the top-level
 * {@code sql/} folder) applied at start-up.
 */
package app.chat.schema;
