package app.chat.messages;

import java.util.List;
import java.util.Map;

/**
 * A page of history, oldest first, with what the messages show besides their text: the quote of the
 * message each reply answers and the reactions to each, as the person who asked sees them.
 */
public record HistoryPage(List<Message> messages, Map<Long, Quote> quotes, Map<Long, List<ReactionSummary>> reactions) {

    public Quote quoteOf(Message message) {
        return message.replyTo() == null ? null : quotes.get(message.replyTo());
    }

    public List<ReactionSummary> reactionsTo(Message message) {
        return reactions.getOrDefault(message.id(), List.of());
    }

    /**
     * A page of 100 messages of control characters is 2.4 MB of JSON: the oldest messages that do
     * not fit in {@code maxChars} are left out, and the client's next page (before the smallest id
     * it got) brings them. Always at least one message, so paging never stalls.
     */
    public HistoryPage newestWithin(long maxChars) {
        long size = 0;
        int first = messages.size();
        while (first > 0) {
            size += MessageEvents.estimatedSize(messages.get(first - 1), this);
            if (size > maxChars && first < messages.size()) {
                break;
            }
            first--;
        }
        return first == 0 ? this : new HistoryPage(messages.subList(first, messages.size()), quotes, reactions);
    }

    /**
     * The messages nearest {@code target} (the first with an id at least {@code target}) that fit in
     * {@code maxChars}, taken alternately after and before it, so that the message a reader jumps to
     * is always on the page, in the middle where the page allows.
     */
    public HistoryPage aroundWithin(long target, long maxChars) {
        int at = 0;
        while (at < messages.size() && messages.get(at).id() < target) {
            at++;
        }
        if (at == messages.size()) {
            return newestWithin(maxChars);
        }
        int from = at;
        int to = at + 1;
        long size = MessageEvents.estimatedSize(messages.get(at), this);
        boolean grew = true;
        while (grew) {
            grew = false;
            if (to < messages.size() && size + MessageEvents.estimatedSize(messages.get(to), this) <= maxChars) {
                size += MessageEvents.estimatedSize(messages.get(to++), this);
                grew = true;
            }
            if (from > 0 && size + MessageEvents.estimatedSize(messages.get(from - 1), this) <= maxChars) {
                size += MessageEvents.estimatedSize(messages.get(--from), this);
                grew = true;
            }
        }
        return from == 0 && to == messages.size()
                ? this
                : new HistoryPage(messages.subList(from, to), quotes, reactions);
    }
}
