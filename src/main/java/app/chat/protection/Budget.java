package app.chat.protection;

/**
 * The classes of request a user spends allowance on, each with its own token bucket per user, so
 * that one account flooding one kind of request is refused before it costs the database anything,
 * while everybody else (and the same account's other kinds of request) carry on. The defaults are
 * far above what a person or the web client does: a reconnect spends about five reads and a
 * handful of requests; nobody creates rooms by the dozen.
 * Each has a rate key (its steady rate, per second, minute or hour as the key's name says) and a
 * burst key (how many may be spent at once before the steady rate applies).
 */
public enum Budget {
    /** Every request, whatever it asks: handling and answering cost CPU and bandwidth. */
    REQUESTS("chat.rate.requests-per-second", 50, "chat.rate.requests-burst", 200, 1),
    /** Requests answered from the database: history, dm_history, rooms, users, resume. */
    READS("chat.rate.reads-per-second", 5, "chat.rate.reads-burst", 40, 1),
    /** Joining and leaving rooms. */
    MEMBERSHIP("chat.rate.joins-per-minute", 60, "chat.rate.joins-burst", 20, 60),
    /** Creating rooms, by create_room or by joining a name nobody used yet. */
    ROOM_CREATION("chat.rate.rooms-created-per-hour", 20, "chat.rate.rooms-created-burst", 5, 3600),
    /** Invitations to rooms. */
    INVITATIONS("chat.rate.invites-per-minute", 30, "chat.rate.invites-burst", 20, 60);

    private final String rateKey;
    private final double defaultRate;
    private final String burstKey;
    private final double defaultBurst;
    private final double seconds;

    Budget(String rateKey, double defaultRate, String burstKey, double defaultBurst, double seconds) {
        this.rateKey = rateKey;
        this.defaultRate = defaultRate;
        this.burstKey = burstKey;
        this.defaultBurst = defaultBurst;
        this.seconds = seconds;
    }

    String rateKey() {
        return rateKey;
    }

    double defaultRate() {
        return defaultRate;
    }

    String burstKey() {
        return burstKey;
    }

    double defaultBurst() {
        return defaultBurst;
    }

    /** The configured rate turned into tokens per second. */
    double perSecond(double configuredRate) {
        return configuredRate / seconds;
    }
}
