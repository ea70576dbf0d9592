package app.chat.messages;

/**
 * The message a reply answers, as the reply shows it: who wrote it and the start of its text now
 * ({@link #EXCERPT_LENGTH} characters at most), or that it was deleted since; {@code fromName} is the
 * author's display name as the directory holds it (null for someone the directory does not know).
 */
public record Quote(long id, String from, String excerpt, boolean deleted, String fromName) {

    /** Without its author's display name, which the event then leaves out. */
    public Quote(long id, String from, String excerpt, boolean deleted) {
        this(id, from, excerpt, deleted, null);
    }

    /** In code points: a line of a quote, not the message. */
    public static final int EXCERPT_LENGTH = 120;
}
