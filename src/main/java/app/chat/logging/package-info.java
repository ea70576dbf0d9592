/**
 * What the operator reads in the log: one line per notable event ({@link app.chat.logging.Notice}),
 * refusals added up per interval instead of a line each ({@link app.chat.logging.RefusalTally}), a
 * start-up summary of the configuration without secrets, database outages and recoveries, and JSON
 * lines with the same fields on every server when {@code chat.log.format=json}.
 */
package app.chat.logging;
