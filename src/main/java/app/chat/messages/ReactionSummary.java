package app.chat.messages;

import java.util.List;

/**
 * One emoji's reactions to a message, as history shows them to one person: how many reacted, the
 * first few of them ({@link #NAMED} at most, earliest first), and whether that person is one.
 */
public record ReactionSummary(String emoji, int count, List<String> users, boolean mine) {

    /** Enough for a tooltip ("Alice, Bob and 3 others"), small enough for a page of 100 messages. */
    public static final int NAMED = 5;
}
