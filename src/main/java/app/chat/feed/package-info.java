/**
 * What other instances on the same database did, delivered here as if it happened here: PostgreSQL
 * is the log and NOTIFY only a wake-up. One reader per instance, on a connection of its own,
 * LISTENs and reads the messages committed since its cursor in id order (its own included), and
 * passes on the small events other instances announce (room changes, invitations).
 */
package app.chat.feed;
