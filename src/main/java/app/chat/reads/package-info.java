/**
 * Read state on the server: per person and conversation, the newest message read ({@code read}),
 * kept in PostgreSQL so that unread and mention counts survive a reload, and announced to every
 * connection of that person on every instance so that reading on one device clears the badge on
 * the others.
 */
package app.chat.reads;
