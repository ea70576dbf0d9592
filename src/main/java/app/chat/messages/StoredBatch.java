package app.chat.messages;

import java.util.List;

/**
 * What one write transaction stored: a result per draft, in the drafts' order, and the newest
 * message any instance had committed before it ({@code precedingId}): nothing with an id in between
 * exists, so a reader positioned at {@code precedingId} may take these messages as the next ones.
 */
public record StoredBatch(long precedingId, List<Stored> results) {}
