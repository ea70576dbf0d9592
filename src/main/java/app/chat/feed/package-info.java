/**
 * What other instances on the same database did, delivered here as if it happened here: PostgreSQL
 * is the log and NOTIFY only a wake-up. Each instance delivers its own batches as its writer commits
 * them, listens on a connection of its own, reads the messages other instances committed since its
 * cursor in id order, and passes on the small events instances announce (room changes, invitations,
 * presence, typing).
 */
package app.chat.feed;
