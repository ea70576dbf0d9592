package app.chat.messages;

/**
 * A reaction added or taken back, as an entry of the message log carries it: the emoji, whether it
 * was added, and how many people had reacted with that emoji to the message once it was stored.
 */
public record Reaction(String emoji, boolean added, int count) {

    /** Different emoji on one message: a row of reactions, not a second conversation. */
    public static final int MAX_KINDS = 20;
}
