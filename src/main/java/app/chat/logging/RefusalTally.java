package app.chat.logging;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Refusals added up between two summaries: how many for each reason, and who (an address, a user)
 * caused the most. A flood of refusals then costs the log one line per interval, not one per frame.
 * Counting is lock-free; a refusal counted while a summary is being taken may fall into the next.
 */
public final class RefusalTally {

    /** Bounds the memory a flood from many sources can take between two summaries. */
    static final int MAX_SOURCES = 10_000;

    private final String event;
    private final String text;
    private final String sourceField;
    private final String sourcesField;
    private final AtomicReference<Counts> counts = new AtomicReference<>(new Counts());

    private static final class Counts {
        final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
        final Map<String, LongAdder> bySource = new ConcurrentHashMap<>();
    }

    /**
     * @param event the notice's event name
     * @param text the sentence that starts the line
     * @param sourceField what a source is ("address", "user")
     * @param sourcesField the field for how many sources there were ("addresses", "users")
     */
    public RefusalTally(String event, String text, String sourceField, String sourcesField) {
        this.event = event;
        this.text = text;
        this.sourceField = sourceField;
        this.sourcesField = sourcesField;
    }

    public void count(String reason, String source) {
        Counts current = counts.get();
        current.byReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        LongAdder bySource = current.bySource.get(source);
        if (bySource == null && current.bySource.size() < MAX_SOURCES) {
            bySource = current.bySource.computeIfAbsent(source, s -> new LongAdder());
        }
        if (bySource != null) {
            bySource.increment();
        }
    }

    /** What was counted since the last summary, as one notice; empty when nothing was. Starts a new count. */
    public Optional<Notice> summary(long intervalSeconds) {
        Counts past = counts.getAndSet(new Counts());
        if (past.byReason.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> byReason = new TreeMap<>();
        past.byReason.forEach((reason, count) -> byReason.put(reason, count.sum()));
        long total = byReason.values().stream().mapToLong(Long.class::cast).sum();
        Notice notice = Notice.warning(event, text)
                .with("interval_s", intervalSeconds)
                .with("total", total)
                .with("by_reason", byReason)
                .with(sourcesField, past.bySource.size());
        Optional<Map.Entry<String, LongAdder>> top = past.bySource.entrySet().stream()
                .max(Comparator.comparingLong(entry -> entry.getValue().sum()));
        if (top.isPresent()) {
            notice = notice.with("top_" + sourceField, top.get().getKey())
                    .with(
                            "top_" + sourceField + "_refusals",
                            top.get().getValue().sum());
        }
        return Optional.of(notice);
    }
}
