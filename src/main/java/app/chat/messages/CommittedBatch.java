package app.chat.messages;

import java.util.List;

/**
 * The new messages of one of this instance's write transactions, in id order, fired once it has
 * committed and its senders have been answered. No message of any instance has an id between
 * {@code precedingId} and the first of these.
 */
public record CommittedBatch(long precedingId, List<PostedMessage> messages) {}
