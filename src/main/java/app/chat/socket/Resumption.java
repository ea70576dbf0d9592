package app.chat.socket;

import app.chat.messages.MessageEvents;
import app.chat.messages.Messages;
import app.chat.messages.PostedMessage;
import app.chat.messages.Replay;
import app.chat.protection.Limits;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Brings a returning client up to date: replays from PostgreSQL what it missed since its cursor,
 * while live messages for that connection are held back, then releases those the replay did not
 * contain. Replay and live traffic thus join without a gap and without the server repeating one.
 * Depends only on the database, so it works across restarts and instances.
 */
@ApplicationScoped
public class Resumption {

    /** Beyond this many missed messages a client is better served by paging history. */
    static final int DEFAULT_REPLAY_LIMIT = 500;

    @Inject
    Messages messages;

    @Inject
    Config config;

    @Inject
    Limits limits;

    @Inject
    MetricRegistry metrics;

    private Counter completeResumes;
    private Counter incompleteResumes;
    private Counter replayedMessages;

    private int replayLimit;

    @PostConstruct
    void configure() {
        replayLimit = config.getOptionalValue("chat.resume.max-messages", Integer.class)
                .orElse(DEFAULT_REPLAY_LIMIT);
        // Not a limit that can be switched off: it is what keeps a replay within the connection's queue.
        if (replayLimit < 1 || replayLimit > Connection.MAX_QUEUED_FRAMES / 2) {
            throw new IllegalArgumentException(
                    "chat.resume.max-messages must be between 1 and " + Connection.MAX_QUEUED_FRAMES / 2);
        }
        Metadata resumes = Metadata.builder()
                .withName("chat.resumes")
                .withDescription("Resumes (handshake or request), by whether the gap could be replayed")
                .build();
        completeResumes = metrics.counter(resumes, new Tag("complete", "true"));
        incompleteResumes = metrics.counter(resumes, new Tag("complete", "false"));
        replayedMessages = metrics.counter(Metadata.builder()
                .withName("chat.resume.replayed")
                .withDescription("Messages replayed to resuming connections")
                .build());
    }

    /** A replay must leave half of the connection's queue for live traffic. */
    private boolean tooLarge(Replay replay) {
        long bound = limits.queueBytesPerConnection() / 2;
        return bound > 0
                && replay.messages().stream()
                                .mapToLong(m -> MessageEvents.estimatedSize(m.content()))
                                .sum()
                        > bound;
    }

    /**
     * Replays and answers {@code resumed}. The caller has put the connection on hold before anything
     * could be delivered that the replay might also contain; this always releases it.
     */
    public void replay(Connection connection, long after, String ref) {
        long lastSent = after;
        try {
            Replay replay = messages.replay(connection.user().id(), after, replayLimit);
            if (replay.complete() && tooLarge(replay)) {
                // The client pages history instead, as for a gap of too many messages.
                replay = new Replay(java.util.List.of(), false, messages.newestId());
            }
            for (PostedMessage missed : replay.messages()) {
                connection.send(MessageEvents.posted(missed));
            }
            lastSent = replay.cursor();
            (replay.complete() ? completeResumes : incompleteResumes).inc();
            replayedMessages.inc(replay.messages().size());
            connection.send(OutboundEvents.resumed(ref, replay.messages().size(), replay.complete(), replay.cursor()));
        } finally {
            connection.release(lastSent);
        }
    }
}
