package app.chat.feed;

import app.chat.messages.PostedMessage;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the reader is in the message log: every message up to {@link #position()} has been handed
 * on, each exactly once and in id order. Catching up reads the log after the position in pages
 * until a page comes back short; a failure leaves the position after the last message handed on,
 * so the next catch-up continues from there.
 */
final class FeedCursor {

    /** Reads at most {@code limit} messages with ids above {@code after}, in id order. */
    @FunctionalInterface
    interface Log {
        List<PostedMessage> after(long after, int limit) throws SQLException;
    }

    static final int PAGE = 500;

    /** Changed only under the feed's delivery lock; read by anyone. */
    private volatile long position;

    FeedCursor(long position) {
        this.position = position;
    }

    long position() {
        return position;
    }

    /** Hands on everything committed after the position; returns how many messages that was. */
    int catchUp(Log log, Consumer<PostedMessage> handOn) throws SQLException {
        int handedOn = 0;
        while (true) {
            List<PostedMessage> page = log.after(position, PAGE);
            long before = position;
            for (PostedMessage message : page) {
                // A log that answers out of order or repeats itself must not make anyone see a
                // message twice or out of order: anything at or below the position was handed on.
                if (message.id() > position) {
                    handOn.accept(message);
                    position = message.id();
                    handedOn++;
                }
            }
            if (page.size() < PAGE || position == before) {
                return handedOn;
            }
        }
    }

    /**
     * Hands on a batch this instance committed, if nothing unread lies between the position and the
     * batch ({@code precedingId}, the newest message committed before it, is at or below the
     * position); only its messages above the position, in case a read of the log got there first.
     * False when someone else's messages come first: then read the log, which holds the batch too.
     */
    boolean handOnCommitted(long precedingId, List<PostedMessage> batch, Consumer<PostedMessage> handOn) {
        if (precedingId > position) {
            return false;
        }
        for (PostedMessage message : batch) {
            if (message.id() > position) {
                handOn.accept(message);
                position = message.id();
            }
        }
        return true;
    }
}
