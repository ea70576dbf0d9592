package app.chat.bench;

import java.time.Duration;

/**
 * One round of offered load: when each message was due and how long its ack took from then. Refs
 * carry the round's number, so a late ack of an earlier round is not counted in this one.
 */
final class OfferedRound {

    private final String prefix;
    private final long[] due;
    private final Stats latency = new Stats();

    OfferedRound(int number, int size) {
        this.prefix = "o" + number + ".";
        this.due = new long[size];
    }

    int size() {
        return due.length;
    }

    String ref(int index) {
        return prefix + index;
    }

    void due(int index, long nanos) {
        due[index] = nanos;
    }

    /** Records the latency of the ack in this frame, if it answers a message of this round. */
    void acknowledged(String ack) {
        long now = System.nanoTime();
        String marker = "\"ref\":\"" + prefix;
        int at = ack.indexOf(marker);
        if (at < 0) {
            return;
        }
        int from = at + marker.length();
        int to = ack.indexOf('"', from);
        int index = Integer.parseInt(ack, from, to, 10);
        latency.add((now - due[index]) / 1_000);
    }

    Stats latency() {
        return latency;
    }

    void awaitAcks(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (latency.count() < due.length && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
