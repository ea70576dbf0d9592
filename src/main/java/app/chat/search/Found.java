package app.chat.search;

import java.time.Instant;
import java.util.List;

/**
 * One message a search found: where it is (a room by name, or between {@code from} and {@code to}),
 * who wrote it (with their display name as the directory holds it) and when, and a snippet of its text with the words that matched marked.
 */
public record Found(
        long id, String room, String from, String fromName, String to, Instant timestamp, List<Snippet> snippet) {

    /** A run of the snippet's text, and whether it is one of the words searched for. */
    public record Snippet(String text, boolean match) {}
}
