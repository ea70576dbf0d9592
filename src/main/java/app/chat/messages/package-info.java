/**
 * Messages in rooms and between two people: validated, stored by a single writer in group-committed
 * batches, announced as {@link app.chat.messages.PostedMessage} events in id order, and read back as
 * history pages.
 */
package app.chat.messages;
