/**
 * Full-text search over the messages a person may read (their rooms, their direct conversations):
 * PostgreSQL's text search on a generated {@code tsvector} with a GIN index, ranked, paged and
 * filtered, with highlighted snippets.
 */
package app.chat.search;
