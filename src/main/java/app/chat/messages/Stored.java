package app.chat.messages;

/**
 * The result of storing one draft: the message as stored, and whether it had been stored before
 * under the same client id (a resend), in which case nobody must hear of it again.
 */
public record Stored(PostedMessage message, boolean duplicate) {}
