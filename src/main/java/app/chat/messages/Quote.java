package app.chat.messages;

/**
 * The message a reply answers, as the reply shows it: who wrote it and the start of its text now
 * ({@link #EXCERPT_LENGTH} characters at most), or that it was deleted since.
 */
public record Quote(long id, String from, String excerpt, boolean deleted) {

    /** In code points: a line of a quote, not the message. */
    public static final int EXCERPT_LENGTH = 120;
}
