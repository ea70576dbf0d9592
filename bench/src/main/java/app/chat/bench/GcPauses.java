package app.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server's stop-the-world pauses in a window, read from its GC log ({@code -Xlog:gc:file=...:time},
 * as bench/run starts the servers), so that a round's latency tail can be set beside its pauses.
 *
 * @param count        pauses that ended in the window
 * @param totalMillis  their summed length
 * @param longestMillis the longest of them
 */
record GcPauses(int count, double totalMillis, double longestMillis) {

    /** {@code [2026-11-27T16:24:17.144+0000][info][gc] GC(12) Pause Young (Normal) ... 3.456ms}. */
    private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\].*\\bGC\\(\\d+\\) Pause .* ([0-9.]+)ms\\s*$");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    static final GcPauses NONE = new GcPauses(0, 0, 0);

    /** The pauses logged in {@code lines} whose time stamp falls in [from, to). */
    static GcPauses between(Stream<String> lines, Instant from, Instant to) {
        int count = 0;
        double total = 0;
        double longest = 0;
        for (String line : (Iterable<String>) lines::iterator) {
            Matcher pause = PAUSE.matcher(line);
            if (!pause.matches()) {
                continue;
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(pause.group(1), TIME).toInstant();
            } catch (DateTimeParseException e) {
                continue; // a line with other decorations: not ours to guess
            }
            if (at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            double millis = Double.parseDouble(pause.group(2));
            count++;
            total += millis;
            longest = Math.max(longest, millis);
        }
        return new GcPauses(count, total, longest);
    }

    /** The pauses in the window summed over the servers' logs; none when no log was given. */
    static GcPauses between(List<Path> logs, Instant from, Instant to) {
        GcPauses sum = NONE;
        for (Path log : logs) {
            if (!Files.isReadable(log)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(log)) {
                sum = sum.plus(between(lines, from, to));
            } catch (IOException | java.io.UncheckedIOException e) {
                System.out.println("  (GC log " + log + " unreadable: " + e.getMessage() + ")");
            }
        }
        return sum;
    }

    private GcPauses plus(GcPauses other) {
        return new GcPauses(
                count + other.count, totalMillis + other.totalMillis, Math.max(longestMillis, other.longestMillis));
    }

    @Override
    public String toString() {
        return String.format("GC: %d pauses, %.0f ms in all, longest %.1f ms", count, totalMillis, longestMillis);
    }
}
